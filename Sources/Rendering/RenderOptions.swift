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
    /// The side of the shadow map, or nil for one sized to the frame (``shadowMapSize(width:height:)``).
    public var shadowMapSize: Int?

    public init(shadows: Bool = true, reflections: Bool = true, skybox: Bool = true, multisamples: Int? = nil,
                shadowMapSize: Int? = nil) {
        self.shadows = shadows
        self.reflections = reflections
        self.skybox = skybox
        self.multisamples = multisamples
        self.shadowMapSize = shadowMapSize
    }

    /// MuJoCo's defaults (the look of dm_control's renderer), with the shadow map sized to the frame.
    public static let standard = RenderOptions()
    /// The standard look of observation frames: ``standard`` without multisampling. On a CPU
    /// renderer a 64×64 frame's 4× multisampling and MuJoCo's 4096² shadow map cost 3–4 times the
    /// rest of the frame; without them frames of visual cube-single differ from MuJoCo's defaults
    /// by 0.56 grey levels on average on `ObservationLookTests`' fixed scene (0.08 from the shadow
    /// map alone) and by 0.74 over a 1001-frame play episode (aliased edges).
    public static let standardObservation = RenderOptions(multisamples: 0)
    /// No shadows, reflections, skybox or multisampling.
    public static let fast = RenderOptions(shadows: false, reflections: false, skybox: false, multisamples: 0)

    /// The look of observation frames that `--render fast|standard` names: ``fast`` or ``standardObservation``.
    public static func observation(fast: Bool) -> RenderOptions { fast ? .fast : .standardObservation }

    /// The shadow map's side for `width`×`height` frames: ``shadowMapSize`` if set, else four
    /// texels per pixel of the longer side, between 256 and MuJoCo's default 4096.
    public func shadowMapSize(width: Int, height: Int) -> Int {
        shadowMapSize ?? min(4096, max(256, 4 * max(width, height)))
    }
}
