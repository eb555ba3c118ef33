/// A geom (collision and visual shape) of the model.
public struct Geom: ModelObject, Equatable {
    /// MuJoCo's geom types (`mjtGeom`).
    public enum Kind: Int, Sendable {
        case plane = 0, heightField, sphere, capsule, ellipsoid, cylinder, box, mesh
    }

    public static let objectType = ObjectType.geom
    public let id: Int
    public let name: String
    /// The geom's shape, or nil for a type this enum does not list.
    public let kind: Kind?
    /// Id of the body the geom is attached to.
    public let bodyID: Int
    /// Size parameters (`geom_size`); their meaning depends on the kind.
    public let size: SIMD3<Double>
    /// Colour (`geom_rgba`).
    public let rgba: SIMD4<Float>

    public init(model: Model, id: Int) {
        let m = model.m
        self.id = id
        name = model.name(of: .geom, id: id) ?? ""
        kind = Kind(rawValue: Int(m.geom_type[id]))
        bodyID = Int(m.geom_bodyid[id])
        size = SIMD3(m.geom_size[3 * id], m.geom_size[3 * id + 1], m.geom_size[3 * id + 2])
        rgba = SIMD4(m.geom_rgba[4 * id], m.geom_rgba[4 * id + 1], m.geom_rgba[4 * id + 2], m.geom_rgba[4 * id + 3])
    }
}
