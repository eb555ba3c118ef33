import ArrayFiles
import Datasets

/// What a pixel agent sees: frames of `height`×`width` from the environment's default camera,
/// rendered with MuJoCo's standard look or the fast options, `frameStack` of them stacked along
/// channels. Training data and evaluation must agree on all of it, so it is read from the
/// dataset's metadata and saved with the agent.
public struct PixelObservation: Codable, Equatable, Sendable {
    public var height: Int
    public var width: Int
    public var frameStack: Int
    /// Frames rendered without shadows, reflections, skybox and multisampling (`--render fast`).
    public var fastRendering: Bool

    public init(height: Int, width: Int, frameStack: Int, fastRendering: Bool) {
        self.height = height
        self.width = width
        self.frameStack = frameStack
        self.fastRendering = fastRendering
    }

    /// [H, W, 3k] of one stacked observation.
    public var imageShape: [Int] { [height, width, 3 * frameStack] }
    /// Values per stacked observation.
    public var size: Int { height * width * 3 * frameStack }

    /// The observation of the pixel dataset at `path` (uint8 frames [N, H, W, 3]; the look from
    /// its metadata's render label, standard when it has none), stacking `frameStack` frames;
    /// nil for a state dataset.
    public init?(dataset path: String, frameStack: Int) throws {
        let archive = try NPZArchive(path: path)
        guard archive.names.contains(DatasetKeys.observations) else {
            throw ArrayFileError.missingArray(path: path, name: DatasetKeys.observations, available: archive.names)
        }
        let shape = try archive.header(DatasetKeys.observations).shape
        guard shape.count == 4 else { return nil }
        let look = try DatasetMetadata.read(from: archive)?.render?.split(separator: " ").last
        self.init(height: shape[1], width: shape[2], frameStack: frameStack, fastRendering: look == "fast")
    }
}
