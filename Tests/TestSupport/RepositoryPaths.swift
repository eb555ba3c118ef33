/// Paths inside this repository, for tests that read its assets.
public enum RepositoryPaths {
    /// The repository root (three folders above this file).
    public static let root: String = {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()

    /// A file under `Assets/`.
    public static func asset(_ relative: String) -> String { "\(root)/Assets/\(relative)" }
}
