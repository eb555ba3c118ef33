/// An 8-bit RGB image, rows stored top first, 3 bytes per pixel (H×W×3, as numpy lays it out).
public struct RGBImage: Equatable, Sendable {
    public let width: Int
    public let height: Int
    /// `height * width * 3` bytes.
    public var pixels: [UInt8]

    /// A black image.
    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
        pixels = [UInt8](repeating: 0, count: width * height * 3)
    }

    /// An image over existing pixel bytes (`width * height * 3` of them, top row first).
    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(pixels.count == width * height * 3, "RGB image needs \(width * height * 3) bytes, got \(pixels.count)")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// The colour at column `x` and row `y` (row 0 is the top).
    public subscript(x: Int, y: Int) -> SIMD3<UInt8> {
        let i = (y * width + x) * 3
        return SIMD3(pixels[i], pixels[i + 1], pixels[i + 2])
    }

    /// The mean of each channel over the whole image.
    public var meanColor: SIMD3<Double> {
        var sum = SIMD3<Double>()
        for i in stride(from: 0, to: pixels.count, by: 3) {
            sum += SIMD3(Double(pixels[i]), Double(pixels[i + 1]), Double(pixels[i + 2]))
        }
        return sum / Double(max(1, width * height))
    }
}
