import MuJoCo

/// Compiles the locomotion models in `Assets/locomotion`, with their common includes, through
/// MuJoCo's virtual file system (as dm_control does), optionally with a resized floor.
public enum LocomotionModel {
    static let commonFiles = ["skybox.xml", "visual.xml", "materials.xml"]

    /// Compiles `<domain>.xml`. `floor` replaces the floor geom's `size` attribute value, which
    /// must appear as `floor.from` in the file (ExORL's tasks use larger floors for some tasks).
    public static func load(domain: String, floor: (from: String, to: String)? = nil) throws -> Model {
        var xml = try AssetLocator.text("locomotion/\(domain).xml")
        if let floor {
            let old = "size=\"\(floor.from)\"", new = "size=\"\(floor.to)\""
            guard let range = xml.range(of: old) else {
                throw EnvironmentError.assetsUnavailable("locomotion/\(domain).xml has no floor of size \(floor.from)")
            }
            xml.replaceSubrange(range, with: new)
        }
        var assets: [String: [UInt8]] = [:]
        for name in commonFiles { assets[name] = try AssetLocator.bytes("locomotion/common/\(name)") }
        return try Model(xml: xml, assets: assets)
    }
}
