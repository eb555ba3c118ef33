import MuJoCo
import CPNG
#if canImport(Glibc)
import Glibc
import Support
#endif

/// PNG files of ``RGBImage``s, through libpng.
public enum PNG {
    /// Writes `image` to `path`. The file appears complete or not at all: it is written under a
    /// temporary name in the same folder and renamed.
    public static func write(_ image: RGBImage, to path: String) throws {
        let temporary = AtomicFile.temporaryPath(for: path)
        var message = [CChar](repeating: 0, count: 256)
        let code = image.pixels.withUnsafeBufferPointer {
            infom_png_write_rgb(temporary, $0.baseAddress, Int32(image.width), Int32(image.height), &message, 256)
        }
        guard code == 0 else {
            unlink(temporary)
            throw RenderingError.imageFile(path: path, message: "cannot write PNG: \(message.nulTerminatedString)")
        }
        if let reason = AtomicFile.moveIntoPlace(temporary, to: path) {
            throw RenderingError.imageFile(path: path, message: "cannot move the finished PNG into place: \(reason)")
        }
    }

    /// Reads a PNG file as 8-bit RGB (other formats are converted; alpha is composited on black).
    public static func read(_ path: String) throws -> RGBImage {
        var message = [CChar](repeating: 0, count: 256)
        var width: Int32 = 0, height: Int32 = 0
        guard infom_png_read_size(path, &width, &height, &message, 256) == 0 else {
            throw RenderingError.imageFile(path: path, message: "not a readable PNG: \(message.nulTerminatedString)")
        }
        var image = RGBImage(width: Int(width), height: Int(height))
        let code = image.pixels.withUnsafeMutableBufferPointer {
            infom_png_read_rgb(path, $0.baseAddress, width, height, &message, 256)
        }
        guard code == 0 else {
            throw RenderingError.imageFile(path: path, message: "cannot decode PNG: \(message.nulTerminatedString)")
        }
        return image
    }
}
