import ArgumentParser
import Suite

/// `infom envs`: the registered environment IDs with their observation and action sizes.
struct Envs: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the environment IDs, one per line, with observation and action dimensions.")

    func run() throws {
        let width = EnvironmentRegistry.ids.map(\.count).max() ?? 0
        for entry in EnvironmentRegistry.entries {
            let padded = entry.id.padding(toLength: width, withPad: " ", startingAt: 0)
            let shape = entry.observationShape.map(String.init).joined(separator: "x")
            print("\(padded)  obs \(shape)  act \(entry.actionSize)")
        }
    }
}
