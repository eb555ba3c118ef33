/// The folder part of `path`, as `NSString.deletingLastPathComponent` gives it: "" for a bare
/// name (`runs`), "/" for a name at the root (`/runs`), and trailing slashes ignored
/// (`a/b/` → `a`). Written out because that Foundation call traps on a one-character path such as
/// `w` (swift-corelibs-foundation of Swift 6.3).
public func parentFolder(of path: String) -> String {
    var trimmed = Substring(path)
    while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
    guard let slash = trimmed.lastIndex(of: "/") else { return "" }
    if slash == trimmed.startIndex { return "/" }
    var folder = trimmed[..<slash]
    while folder.count > 1, folder.hasSuffix("/") { folder = folder.dropLast() }
    return String(folder)
}
