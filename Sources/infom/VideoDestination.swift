import ArgumentParser
import Rendering

/// The check of a video output path that every command writing videos runs while validating
/// its flags, so a bad path is refused before any training or rendering (`VideoWriter.checkDestination`).
enum VideoDestination {
    static func check(_ path: String) throws {
        do { try VideoWriter.checkDestination(path) } catch let error as RenderingError {
            throw ValidationError(error.description)
        }
    }
}
