import ArgumentParser
import ArrayFiles
import Datasets
import Foundation

/// Ends a command with one clear line on stderr and exit status 1.
///
/// Errors from our libraries carry messages that name the problem and the fix; this prints
/// that message alone, without a usage dump.
func runReportingErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as NSError where error.domain == NSCocoaErrorDomain || error.domain == NSPOSIXErrorDomain {
        // A Foundation error that no library turned into a message: its system reason, not a dump.
        throw CommandFailure(message: "file system error: \(FileSystemFailure.reason(error))")
    } catch let error as CustomStringConvertible {
        throw CommandFailure(message: error.description)
    }
}

/// A failure whose message is the whole report.
struct CommandFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
