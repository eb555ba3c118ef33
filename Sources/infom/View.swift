import ArgumentParser
import Foundation
import MuJoCo
import Rendering
import Suite

/// `infom view`: a policy acting in an environment, in an interactive window.
struct View: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Watch a policy act in an environment, in real time, in an interactive window.",
        discussion: """
            Opens a GLFW window (a display is needed: a desktop, ssh -X, or Xvfb) and runs --policy in \
            ENV_ID in real time; a finished episode is followed by the next (seeds derived from --seed as \
            in `infom eval`). Keys: Space pauses, Right or N takes one step, Backspace or R resets, C or \
            Tab switches camera, H hides the help, Esc or Q quits. Mouse: left drag rotates, right drag \
            pans, scroll or middle drag zooms (Shift: in the horizontal plane).

            --frames N stops after N frames, stepping once per frame instead of in real time, and \
            --screenshot writes the last frame as a PNG: a scripted check of the viewer, for example \
            under Xvfb.

            Examples:
              infom view walker_walk
              infom view cube-single-v0 --policy oracle --camera front
              Xvfb :99 -screen 0 1280x1024x24 & DISPLAY=:99 infom view cheetah_run --frames 60 --screenshot view.png
            """)

    @Argument(help: "Environment ID (see `infom envs`).") var env: String
    @OptionGroup var options: RolloutOptions
    @Option(parsing: .unconditional, help: "Window width in pixels.") var width: Int = 1024
    @Option(parsing: .unconditional, help: "Window height in pixels.") var height: Int = 768
    @Flag(help: "Start paused.") var paused = false
    @Option(parsing: .unconditional, help: "Stop after this many frames, one step per frame.") var frames: Int?
    @Option(help: "Write the last frame to this PNG file.") var screenshot: String?

    func validate() throws {
        try CountLimit.require("--frames", frames, in: CountLimit.benchRepetitions)
        guard (64...8192).contains(width), (64...8192).contains(height) else { throw ValidationError("--width and --height must be 64…8192") }
    }

    func run() throws {
        try runReportingErrors {
            let source = try options.policySource(env: env)
            let rollout = ViewedRollout(rollout: PolicyRollout(environment: try EnvironmentRegistry.make(env)),
                                        seed: options.seed, makePolicy: source.make(seed:))
            try rollout.reset()
            let viewer = try Viewer(model: rollout.simulation.model, width: width, height: height, title: "infom view \(env)")
            let start = options.camera.map(RenderCamera.init(argument:)) ?? rollout.rollout.environment.defaultCamera
            let summary = try viewer.run(rollout, options: Viewer.Options(camera: start, paused: paused, frames: frames,
                                                                          screenshot: screenshot))
            print("viewed \(env): \(summary.frames) frames, \(summary.steps) steps, \(rollout.episode + 1) episodes"
                  + (screenshot.map { "; wrote \($0)" } ?? ""))
        }
    }
}

/// The episodes `infom view` shows: a policy rollout that starts the next episode (next seed)
/// when one ends or the user resets.
final class ViewedRollout: SteppedSimulation {
    let rollout: PolicyRollout
    let seed: UInt32
    let makePolicy: (UInt32) throws -> any EvaluationPolicy
    /// The current episode's index (from 0).
    private(set) var episode = -1

    init(rollout: PolicyRollout, seed: UInt32, makePolicy: @escaping (UInt32) throws -> any EvaluationPolicy) {
        self.rollout = rollout
        self.seed = seed
        self.makePolicy = makePolicy
    }

    var simulation: Simulation { rollout.environment.simulation }

    func step() throws {
        if rollout.isDone { try reset() } else { try rollout.step() }
    }

    func reset() throws {
        episode += 1
        let episodeSeed = PolicyEvaluation.episodeSeed(run: seed, episode: episode)
        try rollout.reset(seed: episodeSeed, policy: makePolicy(episodeSeed))
    }

    var status: [(String, String)] {
        [("env", rollout.environment.id), ("episode", "\(episode)"), ("step", "\(rollout.steps)"),
         ("reward", String(format: "%.3f", rollout.reward)), ("return", String(format: "%.1f", rollout.episodeReturn)),
         ("success", rollout.success > 0 ? "yes" : "no")]
    }
}
