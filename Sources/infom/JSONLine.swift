import Foundation

/// Prints a report (a benchmark's, an evaluation's) as one line of JSON with sorted keys (`--json`).
func printJSONLine<T: Encodable>(_ report: T) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    print(String(decoding: try encoder.encode(report), as: UTF8.self))
}
