import Foundation
import Support

/// Writes a sequence of RGB frames as a video file: H.264 MP4 through the system `ffmpeg`
/// (raw frames piped to it), an animated GIF (our own encoder), or a folder of PNG frames. The
/// file appears under its name only when ``finish()`` succeeds (it is written under a temporary
/// name and renamed).
public final class VideoWriter {
    /// The kinds of output.
    public enum Format: Equatable, Sendable {
        case mp4, gif
        /// `frame-000000.png`, … in a folder.
        case pngFolder

        /// The format a path asks for: `.gif` → GIF, `.mp4`/`.mov`/`.mkv` → MP4 through ffmpeg, a
        /// path ending in `/` or without an extension → a folder of PNG frames.
        public static func forPath(_ path: String) -> Format {
            let ext = (path as NSString).pathExtension.lowercased()
            if path.hasSuffix("/") || ext.isEmpty { return .pngFolder }
            return ext == "gif" ? .gif : .mp4
        }

        /// File extensions a video may have.
        public static let extensions = ["mp4", "mov", "mkv", "gif"]
    }

    /// Checks, before any work, that `path` names a video this writer makes: a supported
    /// extension, or a folder path. Throws a message naming the fix.
    public static func checkFormat(_ path: String) throws {
        let trimmed = path.hasSuffix("/") ? String(path.dropLast()) : path
        let ext = (trimmed as NSString).pathExtension.lowercased()
        guard path.hasSuffix("/") || ext.isEmpty || Format.extensions.contains(ext) else {
            throw RenderingError.imageFile(path: path, message:
                "cannot write a video with extension .\(ext); name a .mp4, .mov, .mkv or .gif file, or a folder ending in /")
        }
    }

    public let path: String
    public let width: Int, height: Int, fps: Int
    public let format: Format
    /// Set when the writer chose another format than asked (for example GIF because `ffmpeg`
    /// is missing): the message to show the user.
    public let notice: String?
    public private(set) var frameCount = 0

    private let temporary: String
    private var gif: GIFEncoder?
    private var ffmpeg: (process: Process, input: FileHandle, errors: Pipe)?

    /// Opens `path` for `width`×`height` frames at `fps`. An MP4 needs `ffmpeg` on the PATH;
    /// without it the writer makes a GIF beside the requested name (`NAME.gif`) and says so in
    /// ``notice``.
    public init(path: String, width: Int, height: Int, fps: Int = 20, format: Format? = nil) throws {
        guard width > 0, height > 0, fps > 0 else {
            throw RenderingError.invalidSize(width: width, height: height, message: "video frames and fps must be positive")
        }
        var format = format ?? Format.forPath(path)
        var path = path
        var notice: String?
        if format == .mp4, Self.ffmpegPath == nil {
            path = (path as NSString).deletingPathExtension + ".gif"
            format = .gif
            notice = "ffmpeg was not found on the PATH, so this video is a GIF: \(path) (install ffmpeg for MP4)"
        }
        if format == .mp4, width % 2 != 0 || height % 2 != 0 {
            throw RenderingError.invalidSize(width: width, height: height, message: "H.264 needs even frame sizes")
        }
        self.path = path
        self.width = width
        self.height = height
        self.fps = fps
        self.format = format
        self.notice = notice
        let trimmed = path.hasSuffix("/") ? String(path.dropLast()) : path
        AtomicFile.removeAbandonedTemporaries(of: trimmed, keepingExtension: true)
        temporary = AtomicFile.temporaryPath(for: trimmed, keepingExtension: true)
        try? FileManager.default.removeItem(atPath: temporary)
        switch format {
        case .gif: gif = GIFEncoder(width: width, height: height, fps: fps)
        case .pngFolder:
            do {
                try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
            } catch {
                throw RenderingError.imageFile(path: path, message: "cannot create the frame folder: \(error.localizedDescription)")
            }
        case .mp4: try startFFmpeg()
        }
    }

    /// The `ffmpeg` executable on the PATH, if any.
    public static var ffmpegPath: String? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return paths.map { "\($0)/ffmpeg" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    private func startFFmpeg() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.ffmpegPath!)
        process.arguments = ["-loglevel", "error", "-y", "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", "\(width)x\(height)",
                             "-r", "\(fps)", "-i", "-", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-movflags", "+faststart",
                             temporary]
        let input = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw RenderingError.imageFile(path: path, message: "cannot start ffmpeg: \(error.localizedDescription)")
        }
        ffmpeg = (process, input.fileHandleForWriting, errors)
    }

    /// Appends one frame of the writer's size.
    public func append(_ frame: RGBImage) throws {
        guard frame.width == width, frame.height == height else {
            throw RenderingError.invalidSize(width: frame.width, height: frame.height,
                                             message: "the video is \(width)x\(height); every frame must have that size")
        }
        switch format {
        case .gif: gif!.add(frame.pixels)
        case .pngFolder: try PNG.write(frame, to: "\(temporary)/frame-\(String(format: "%06d", frameCount)).png")
        case .mp4:
            do {
                try ffmpeg!.input.write(contentsOf: frame.pixels)
            } catch {
                throw RenderingError.imageFile(path: path, message: "ffmpeg stopped reading frames: \(ffmpegErrors())")
            }
        }
        frameCount += 1
    }

    private func ffmpegErrors() -> String {
        guard let ffmpeg else { return "" }
        let data = ffmpeg.errors.fileHandleForReading.availableData
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Completes the file and moves it to ``path``.
    public func finish() throws {
        switch format {
        case .gif:
            do {
                try Data(gif!.finished()).write(to: URL(fileURLWithPath: temporary))
            } catch {
                throw RenderingError.imageFile(path: path, message: error.localizedDescription)
            }
        case .pngFolder: break
        case .mp4:
            let (process, input, _) = ffmpeg!
            try? input.close()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw RenderingError.imageFile(path: path, message: "ffmpeg failed (status \(process.terminationStatus)): \(ffmpegErrors())")
            }
        }
        let destination = path.hasSuffix("/") ? String(path.dropLast()) : path
        try? FileManager.default.removeItem(atPath: destination)
        do {
            try FileManager.default.moveItem(atPath: temporary, toPath: destination)
        } catch {
            throw RenderingError.imageFile(path: path, message: "cannot move the finished video into place: \(error.localizedDescription)")
        }
    }
}
