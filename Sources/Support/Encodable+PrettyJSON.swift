import Foundation

extension Encodable {
    /// Indented JSON with sorted keys: stable bytes for the same value (metadata, plans).
    public func prettyJSON() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self)
    }
}
