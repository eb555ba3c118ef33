import Foundation
import Rendering
import Suite
import XCTest

final class PixelAndVectorTests: XCTestCase {
    func testPixelObservationsShowTheWalkerAndStackFrames() throws {
        let env = try PixelEnvironment(try EnvironmentRegistry.make("walker_walk"), width: 64, height: 64, frameStack: 3)
        XCTAssertEqual(env.observationSpec.shape, [64, 64, 9])
        let first = try env.reset()
        XCTAssertEqual(first.count, 64 * 64 * 9)
        func frame(_ observation: [UInt8], _ slot: Int) -> [UInt8] {
            (0..<(64 * 64)).flatMap { p in observation[(p * 3 + slot) * 3..<((p * 3 + slot) * 3 + 3)] }
        }
        XCTAssertEqual(frame(first, 0), frame(first, 2), "after a reset the stack holds copies of the first frame")
        // The walker's "self" material (0.7, 0.5, 0.3) is lit orange-brown somewhere in the frame,
        // over the blue floor and sky.
        let newest = frame(first, 2)
        func isOrange(_ i: Int) -> Bool {
            let r = Int(newest[i]), g = Int(newest[i + 1]), b = Int(newest[i + 2])
            return r > 90 && r > g + 20 && g > b + 10
        }
        let orange = stride(from: 0, to: newest.count, by: 3).filter(isOrange).count
        XCTAssertGreaterThan(orange, 30, "the walker is visible")
        let blue = stride(from: 0, to: newest.count, by: 3).filter { newest[$0 + 2] > newest[$0] }.count
        XCTAssertGreaterThan(blue, 64 * 64 / 3, "floor and sky fill the background")
        var last = first
        for _ in 0..<10 { last = try env.step([Float](repeating: 0.5, count: 6)).observation }
        XCTAssertNotEqual(frame(last, 0), frame(last, 2), "the stack holds different moments after steps")
    }

    /// Observers ask llvmpipe to draw their small frames in the calling thread, unless the
    /// variable was set before.
    func testObserversLeaveLLVMpipeThreadsToTheUser() throws {
        let before = ProcessInfo.processInfo.environment["LP_NUM_THREADS"]
        _ = try PixelEnvironment(try EnvironmentRegistry.make("walker_walk"), options: .fast)
        XCTAssertEqual(ProcessInfo.processInfo.environment["LP_NUM_THREADS"], before ?? "0")
    }

    func testPixelsOfAQuadrupedUseItsZoomCamera() throws {
        let env = try PixelEnvironment(try EnvironmentRegistry.make("quadruped_run"), options: .fast)
        XCTAssertEqual(env.defaultCamera, .id(2))
        let image = try env.reset()
        XCTAssertEqual(image.count, 64 * 64 * 3)
        XCTAssertGreaterThan(Set(image).count, 20, "the frame is not blank")
    }

    func testVisualLocomotionAndJacoIdsObserveFromTheReferenceCameras() throws {
        let visual = EnvironmentRegistry.ids.filter { $0.hasPrefix("visual-") && !$0.hasSuffix("-v0") }
        XCTAssertEqual(visual.count, 16, "every locomotion and Jaco task has a visual- form")
        for (id, camera) in [("visual-walker_walk", 0), ("visual-cheetah_run_backward", 0), ("visual-quadruped_jump", 2),
                             ("visual-jaco_reach_top_right", 0)] {
            let entry = try EnvironmentRegistry.entry(id)
            XCTAssertTrue(entry.pixels, id)
            XCTAssertEqual(entry.observationShape, [64, 64, 3], id)
            let env = try entry.make(seed: 3)
            XCTAssertEqual(env.id, id)
            let pixels = try PixelEnvironment(env, options: .fast)
            XCTAssertEqual(pixels.defaultCamera, .id(camera), id)
            let stateForm = try PixelEnvironment(try EnvironmentRegistry.make(EnvironmentRegistry.stateID(of: id), seed: 3), options: .fast)
            XCTAssertEqual(try pixels.reset(), try stateForm.reset(), "\(id): the state task's world, seed and camera")
        }
    }

    func testVectorEnvironmentMatchesSequentialCopies() throws {
        let vector = try VectorEnvironment(id: "cheetah_run", count: 3, seed: 5)
        let singles = try (0..<3).map { try EnvironmentRegistry.make("cheetah_run", seed: UInt32(5 + $0)) }
        XCTAssertEqual(try vector.reset(), try singles.map { try $0.reset() })
        var random = NumpyRandomState(seed: 2)
        for _ in 0..<100 {
            let actions = (0..<3).map { _ in (0..<6).map { _ in Float(random.uniform(-1, 1)) } }
            let batch = try vector.step(actions)
            for i in 0..<3 {
                let single = try singles[i].step(actions[i])
                XCTAssertEqual(batch[i].observation, single.observation)
                XCTAssertEqual(batch[i].reward, single.reward)
            }
        }
    }

    func testVectorEnvironmentReportsACopysError() throws {
        let vector = try VectorEnvironment(id: "walker_stand", count: 2)
        _ = try vector.reset()
        XCTAssertThrowsError(try vector.step([[0, 0, 0, 0, 0, 0], [0]])) { error in
            XCTAssertEqual(error as? EnvironmentError, .wrongActionSize(env: "walker_stand", expected: 6, actual: 1))
        }
    }
}
