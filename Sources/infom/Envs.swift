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
            print("\(padded)  obs \(entry.observationSize)  act \(entry.actionSize)")
        }
    }
}
