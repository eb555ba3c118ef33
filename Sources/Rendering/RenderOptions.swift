/// Settings that trade image quality for speed. On a CPU renderer, shadows and multisampling
/// dominate the cost of small frames.
public struct RenderOptions: Equatable, Sendable {
    /// Shadow passes for lights that cast shadows.
    public var shadows: Bool
    /// Reflections of reflective materials.
    public var reflections: Bool
    /// The model's skybox texture.
    public var skybox: Bool
    /// Multisamples of the offscreen buffer, or nil for the model's `offsamples` (4 by default).
    public var multisamples: Int?

    public init(shadows: Bool = true, reflections: Bool = true, skybox: Bool = true, multisamples: Int? = nil) {
        self.shadows = shadows
        self.reflections = reflections
        self.skybox = skybox
        self.multisamples = multisamples
    }

    /// MuJoCo's defaults: the look of dm_control's renderer.
    public static let standard = RenderOptions()
    /// No shadows, reflections, skybox or multisampling.
    public static let fast = RenderOptions(shadows: false, reflections: false, skybox: false, multisamples: 0)
}
