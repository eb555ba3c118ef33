#if canImport(Glibc)
import Glibc
#endif

/// The headless OpenGL implementation, chosen like dm_control does with `MUJOCO_GL`.
///
/// A process renders with one backend: the first renderer loads its GL library.
public enum GLBackend: String, Sendable, CustomStringConvertible {
    /// EGL on Mesa's surfaceless platform: no display and no GPU needed.
    case egl
    /// OSMesa, Mesa's software off-screen renderer.
    case osmesa

    /// The backend `MUJOCO_GL` names; EGL when it is unset or empty.
    public static func fromEnvironment() throws -> GLBackend {
        guard let raw = getenv("MUJOCO_GL"), !String(cString: raw).isEmpty else { return .egl }
        let value = String(cString: raw)
        guard let backend = GLBackend(rawValue: value.lowercased()) else {
            throw RenderingError.unsupportedBackend(value)
        }
        return backend
    }

    public var description: String { self == .egl ? "EGL" : "OSMesa" }
}
