import Suite
import XCTest

/// The README's "Adding a task" example, compiled and run: a registry entry built beside its
/// task makes a working environment with the task's domain and sizes.
final class AddingATaskTests: XCTestCase {
    func testTheReadmeExampleMakesAWorkingEnvironment() throws {
        // README: Adding a task
        let sprint = EnvironmentRegistry.Entry.locomotion("cheetah_sprint", model: { try LocomotionModel.load(domain: "cheetah") }) {
            try CheetahTask(speed: 15, direction: 1, model: $0)
        }
        let env = try sprint.make(seed: 1)
        let first = try env.reset()
        let step = try env.step([Float](repeating: 0.5, count: env.actionSpec.count))
        // README end
        XCTAssertEqual(sprint.family, "cheetah")
        XCTAssertEqual([sprint.observationSize, sprint.actionSize], [17, 6])
        XCTAssertEqual(first.count, 17)
        XCTAssertEqual(env.id, "cheetah_sprint")
        XCTAssertTrue((0...1).contains(step.reward))
    }

    /// The code between the markers above is the README's example, word for word.
    func testTheReadmeShowsThisCode() throws {
        let source = try String(contentsOfFile: #filePath, encoding: .utf8)
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        let start = try XCTUnwrap(lines.firstIndex { $0.contains("// README: Adding a task") })
        let end = try XCTUnwrap(lines.firstIndex { $0.contains("// README end") })
        let example = lines[(start + 1)..<end].map { $0.dropFirst(8) }.joined(separator: "\n")
        let readme = try String(contentsOfFile: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("README.md").path, encoding: .utf8)
        XCTAssertTrue(readme.contains(example), "README.md's Adding a task section must show:\n\(example)")
    }
}
