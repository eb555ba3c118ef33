import ArgumentParser
import Rendering

/// The check of a video output path that every command writing videos runs while validating
/// its flags, so a bad path is refused before any training or rendering: a format the writer
/// makes (`VideoWriter.checkFormat`) in a folder that exists and is writable (``OutputPath``).
enum VideoDestination {
    static func check(_ path: String) throws {
        do { try VideoWriter.checkFormat(path) } catch let error as RenderingError {
            throw ValidationError(error.description)
        }
        try OutputPath.checkWritableParent(of: path.hasSuffix("/") ? String(path.dropLast()) : path)
    }
}
