/// Distances from the camera plane in metres, rows stored top first (H×W).
public struct DepthImage: Equatable, Sendable {
    public let width: Int
    public let height: Int
    /// `height * width` values.
    public var values: [Float]

    /// An image of zeros.
    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
        values = [Float](repeating: 0, count: width * height)
    }

    /// The depth at column `x` and row `y` (row 0 is the top).
    public subscript(x: Int, y: Int) -> Float { values[y * width + x] }
}
