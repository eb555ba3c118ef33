import Agents
import Foundation
import Rendering
import DatasetTestSupport
import TestSupport
import XCTest

/// `infom view`: without a display it says how to get one; under Xvfb it draws the environment
/// and steps the policy (scripted with --frames and --screenshot).
final class ViewCommandTests: XCTestCase {
    func testWithoutDisplayTheErrorSaysHowToGetOne() throws {
        let run = try InfomProcess.run(["view", "walker_walk"], environment: ["DISPLAY": "", "WAYLAND_DISPLAY": ""])
        XCTAssertEqual(run.status, 1, run.stderr)
        XCTAssertTrue(run.stderr.contains("needs a display"), run.stderr)
        XCTAssertTrue(run.stderr.contains("Xvfb"), run.stderr)
        XCTAssertTrue(run.stderr.contains("infom render"), run.stderr)
    }

    func testUnreachableDisplayIsTheSameClearError() throws {
        let run = try InfomProcess.run(["view", "walker_walk"], environment: ["DISPLAY": ":4242", "WAYLAND_DISPLAY": ""])
        XCTAssertEqual(run.status, 1, run.stderr)
        XCTAssertTrue(run.stderr.contains("needs a display"), run.stderr)
        XCTAssertTrue(run.stderr.contains(":4242"), "GLFW's reason names the display: \(run.stderr)")
    }

    func testScreenshotUnderXvfb() throws {
        let display = try VirtualDisplay()
        defer { display.stop() }
        let folder = try TemporaryDirectory()
        var shots: [RGBImage] = []
        for frames in [2, 25] {
            let path = folder.file("view-\(frames).png")
            let run = try InfomProcess.run(["view", "cheetah_run", "--frames", "\(frames)", "--screenshot", path,
                                            "--width", "320", "--height", "240"],
                                           environment: ["DISPLAY": display.name, "WAYLAND_DISPLAY": ""])
            XCTAssertEqual(run.status, 0, run.stderr)
            XCTAssertTrue(run.stdout.contains("\(frames) frames, \(frames) steps"), run.stdout)
            shots.append(try PNG.read(path))
        }
        XCTAssertEqual([shots[1].width, shots[1].height], [320, 240])
        XCTAssertGreaterThan(Set(shots[1].pixels).count, 100, "a drawn scene, not a blank window")
        let mean = shots[1].meanColor
        XCTAssertTrue((20...235).contains(mean.x) && (20...235).contains(mean.z), "neither black nor white: \(mean)")
        XCTAssertNotEqual(shots[0].pixels, shots[1].pixels, "the policy moved the cheetah and the clock")
    }

    /// A pixel policy renders its observations offscreen (EGL) on the viewer's thread between
    /// the window's frames; the window's context must survive that.
    func testPixelPolicyRendersBesideTheWindow() throws {
        let display = try VirtualDisplay()
        defer { display.stop() }
        let folder = try TemporaryDirectory()
        let env = "visual-cube-single-singletask-task1-v0", data = folder.file("pixels.npz"), rows = 20
        try writeRandomPixelDataset(to: data, rows: rows, episodeLength: rows, seed: 1)
        var description = try AgentDescription(kind: .infom, preset: .small, env: env, observationSize: 28, actionSize: 5,
                                               pixels: PixelObservation(height: 8, width: 8, frameStack: 3, fastRendering: true))
        description.infom?.actorHidden = [8]; description.infom?.valueHidden = [8]; description.infom?.rewardHidden = [8]
        description.infom?.intentionHidden = [8]; description.infom?.latentSize = 2; description.infom?.flowGoals = 1
        description.infom?.batchSize = 2; description.infom?.encoder?.stackSizes = [2, 2, 2]
        description.infom?.encoder?.embeddingSize = 4
        let plan = TrainingPlan(env: env, pretrainData: data, finetuneData: data, pretrainSteps: 1, finetuneSteps: 1,
                                evalEvery: 1, evalEpisodes: 1, seed: 0)
        try OfflineTrainer(description: description, plan: plan, directory: folder.file("run")).saveCheckpoint()

        let shot = folder.file("view.png")
        let run = try InfomProcess.run(["view", env, "--policy", folder.file("run"), "--frames", "3", "--screenshot", shot,
                                        "--width", "160", "--height", "120"],
                                       environment: ["DISPLAY": display.name, "WAYLAND_DISPLAY": ""])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("3 frames, 3 steps"), run.stdout)
        XCTAssertGreaterThan(Set(try PNG.read(shot).pixels).count, 20, "the window still draws the scene")
    }
}
