import Foundation

/// Finds the repository's `Assets/` folder, where the MJCF models we author live.
///
/// `INFOM_ASSETS` overrides the location; otherwise it is the `Assets/` folder of the source
/// checkout this module was built from.
public enum AssetLocator {
    /// The folder holding the assets.
    public static var root: String {
        if let override = ProcessInfo.processInfo.environment["INFOM_ASSETS"], !override.isEmpty {
            return override
        }
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)  // Sources/Suite/AssetLocator.swift
        return parts.joined(separator: "/") + "/Assets"
    }

    /// The bytes of `relative` under the assets folder, or an error saying where we looked.
    public static func bytes(_ relative: String) throws -> [UInt8] {
        let path = "\(root)/\(relative)"
        guard let data = FileManager.default.contents(atPath: path) else {
            throw EnvironmentError.assetsUnavailable(
                "cannot read model asset \(path): run from a checkout of this repository or set INFOM_ASSETS to its Assets folder")
        }
        return [UInt8](data)
    }

    /// The text of `relative` under the assets folder.
    public static func text(_ relative: String) throws -> String {
        String(decoding: try bytes(relative), as: UTF8.self)
    }
}
