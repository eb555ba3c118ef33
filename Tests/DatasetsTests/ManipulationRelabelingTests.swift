import ArrayFiles
import Datasets
import Foundation
import Suite
import TestSupport
import XCTest

/// Single-task rewards of manipulation data against OGBench's own relabelling of the same rows
/// (`datasets-tools/make_relabel_fixtures.py`): rewards and masks must be equal.
final class ManipulationRelabelingTests: XCTestCase {
    static let cases = [("scene_task2", "scene-singletask-task2-v0"), ("scene_task4", "scene-singletask-task4-v0"),
                        ("puzzle_3x3_task1", "puzzle-3x3-singletask-task1-v0"),
                        ("cube_double_task1", "cube-double-singletask-task1-v0")]

    func testRewardsAndMasksEqualOGBenchs() throws {
        let fixture = try NPZArchive(path: "\(RepositoryPaths.root)/Tests/DatasetsTests/Fixtures/ogbench_relabel.npz")
        let folder = try TemporaryDirectory()
        for (name, task) in Self.cases {
            let qposShape = try fixture.header("\(name)_qpos").shape
            let input = folder.file("\(name).npz"), output = folder.file("\(name)-relabeled.npz")
            let writer = try NPZWriter(path: input)
            try writer.write("qpos", try fixture.array("\(name)_qpos", as: Float.self), shape: qposShape)
            if fixture.names.contains("\(name)_button_states") {
                try writer.write("button_states", try fixture.array("\(name)_button_states", as: Int64.self),
                                 shape: try fixture.header("\(name)_button_states").shape)
            }
            try Self.writeLayout(writer, rows: qposShape[0])
            try writer.finish()

            try DatasetRelabeling.relabel(input: input, output: output, task: task)
            let relabeled = try NPZArchive(path: output)
            let rewards = try relabeled.array("rewards", as: Float.self)
            XCTAssertEqual(rewards, try fixture.array("\(name)_rewards", as: Float.self), task)
            XCTAssertEqual(try relabeled.array("masks", as: Float.self), try fixture.array("\(name)_masks", as: Float.self), task)
            XCTAssertGreaterThan(Set(rewards).count, 1, "\(task): the fixture should cover several reward levels")
        }
    }

    /// The arrays every dataset file has besides the states relabelling reads: observations and
    /// actions (zeros; relabelling does not read them) and terminals (one episode).
    static func writeLayout(_ writer: NPZWriter, rows: Int) throws {
        try writer.write("observations", [Float](repeating: 0, count: rows), shape: [rows, 1])
        try writer.write("actions", [Float](repeating: 0, count: rows * 5), shape: [rows, 5])
        try writer.write("terminals", (0..<rows).map { Float($0 == rows - 1 ? 1 : 0) }, shape: [rows])
    }

    func testMissingButtonStatesIsAClearError() throws {
        let folder = try TemporaryDirectory()
        let input = folder.file("no-buttons.npz")
        let writer = try NPZWriter(path: input)
        try writer.write("qpos", [Float](repeating: 0, count: 2 * 25), shape: [2, 25])
        try Self.writeLayout(writer, rows: 2)
        try writer.finish()
        XCTAssertThrowsError(try DatasetRelabeling.relabel(input: input, output: folder.file("out.npz"),
                                                           task: "scene-singletask-task1-v0")) { error in
            XCTAssertTrue("\(error)".contains("button_states"), "\(error)")
        }
    }
}
