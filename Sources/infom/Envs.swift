import ArgumentParser
import Suite

/// `infom envs`: the registered environment IDs with their observation and action sizes.
struct Envs: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the environment IDs, one per line, with observation and action dimensions.",
        discussion: """
            --model-xml ID prints the MJCF of a manipulation environment's world (arena, arm, gripper \
            and the family's objects) as we compile it, before the runtime edits (the arm's gains, \
            the pixel envs' look), for MuJoCo's own tools: infom envs --model-xml scene-v0 > scene.xml
            """)

    @Option(help: "Print the MJCF of this manipulation environment's world instead of the list.")
    var modelXml: String?

    func run() throws {
        if let id = modelXml {
            try runReportingErrors {
                guard let family = try EnvironmentRegistry.entry(id).manipulationFamily else {
                    throw CommandFailure(message: "--model-xml takes a manipulation env (cube, scene or puzzle); \(id) is a locomotion env, whose model is Assets/locomotion/")
                }
                print(try family.modelXML(), terminator: "")
            }
            return
        }
        let width = EnvironmentRegistry.ids.map(\.count).max() ?? 0
        for entry in EnvironmentRegistry.entries {
            let padded = entry.id.padding(toLength: width, withPad: " ", startingAt: 0)
            let shape = entry.observationShape.map(String.init).joined(separator: "x")
            print("\(padded)  obs \(shape)  act \(entry.actionSize)")
        }
    }
}
