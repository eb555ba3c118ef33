import MuJoCo

/// Which viewpoint to render.
public enum RenderCamera: Equatable, Sendable {
    /// A camera of the model by name.
    case named(String)
    /// A camera of the model by id; -1 is the default free camera (dm_control's convention).
    case id(Int)
    /// A free camera orbiting `lookAt`.
    case free(lookAt: SIMD3<Double>, distance: Double, azimuth: Double, elevation: Double)
    /// MuJoCo's default free camera for the model (`mjv_defaultFreeCamera`).
    case defaultFree

    /// Parses a command-line camera: an integer id (-1 for the free camera) or a name.
    public init(argument: String) {
        if let id = Int(argument) {
            self = id == -1 ? .defaultFree : .id(id)
        } else {
            self = .named(argument)
        }
    }

    /// The model camera id this selects, nil for free cameras, or an error naming the cameras.
    func cameraID(in model: Model) throws -> Int? {
        let names = { model.names(of: .camera).enumerated().map { "\($0.offset):\($0.element)" } }
        switch self {
        case let .named(name):
            guard let id = model.id(of: .camera, named: name) else {
                throw RenderingError.unknownCamera("'\(name)'", available: names())
            }
            return id
        case let .id(id):
            guard id >= 0, id < model.ncam else { throw RenderingError.unknownCamera("\(id)", available: names()) }
            return id
        case .free, .defaultFree:
            return nil
        }
    }
}
