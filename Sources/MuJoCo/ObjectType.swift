import CMuJoCo

/// Kinds of named objects in a MuJoCo model (a subset of `mjtObj`).
public enum ObjectType: String, CaseIterable, Sendable {
    case body, joint, geom, site, camera, light, mesh, texture, material
    case equality, tendon, actuator, sensor, keyframe

    /// The `mjtObj` value MuJoCo's name functions take.
    var mjType: Int32 {
        let value: mjtObj
        switch self {
        case .body: value = mjOBJ_BODY
        case .joint: value = mjOBJ_JOINT
        case .geom: value = mjOBJ_GEOM
        case .site: value = mjOBJ_SITE
        case .camera: value = mjOBJ_CAMERA
        case .light: value = mjOBJ_LIGHT
        case .mesh: value = mjOBJ_MESH
        case .texture: value = mjOBJ_TEXTURE
        case .material: value = mjOBJ_MATERIAL
        case .equality: value = mjOBJ_EQUALITY
        case .tendon: value = mjOBJ_TENDON
        case .actuator: value = mjOBJ_ACTUATOR
        case .sensor: value = mjOBJ_SENSOR
        case .keyframe: value = mjOBJ_KEY
        }
        return Int32(value.rawValue)
    }
}
