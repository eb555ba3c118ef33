import Rendering
import Suite

/// How a video's frames are drawn, for rollouts and stored episodes alike: frame size, camera
/// (default: the environment's), frame rate, the text overlay and the fast look.
struct VideoLook {
    var width = 256
    var height = 256
    var camera: String?
    var fps = 20
    var overlay = false
    var fast = false

    var renderOptions: RenderOptions { fast ? .fast : .standard }

    /// The camera to draw `environment` from.
    func view(of environment: any Environment<[Float]>) -> RenderCamera {
        camera.map(RenderCamera.init(argument:)) ?? environment.defaultCamera
    }
}
