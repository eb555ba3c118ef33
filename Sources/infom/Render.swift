import ArgumentParser
import Foundation
import Rendering
import Suite

/// `infom render`: a rollout video of a policy, rendered headlessly.
struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render rollouts of a policy to an MP4, a GIF or a folder of PNG frames.",
        discussion: """
            Runs --episodes episodes (seeds derived from --seed as in `infom eval`) and renders every \
            step from --camera (default: the environment's camera). The format follows --out: .mp4 is \
            H.264 through the system ffmpeg (a GIF beside it, with a notice, when ffmpeg is missing), \
            .gif is an animated GIF, a path ending in / is a folder of PNG frames. Episodes follow one \
            another, or play side by side with --tile. --overlay writes the step, reward, return and \
            success on each frame.

            Examples:
              infom render --env cube-single-v0 --policy oracle --episodes 2 --out cube.mp4
              infom render --env walker_walk --policy random --episodes 4 --tile --max-steps 200 --out walker.gif
            """)

    @Option(help: "Environment ID (see `infom envs`).") var env: String
    @Option(help: "random | oracle (manipulation envs).") var policy: String = "random"
    @Option(help: "Episodes to render.") var episodes: Int = 1
    @Option(help: "Stop each episode after this many steps.") var maxSteps: Int?
    @Option(help: "Frame width in pixels.") var width: Int = 256
    @Option(help: "Frame height in pixels.") var height: Int = 256
    @Option(help: "Camera name or id (-1: free camera); default: the environment's camera.") var camera: String?
    @Option(help: "Frames per second of the video.") var fps: Int = 20
    @Option(help: "Base seed of the episodes.") var seed: UInt32 = 0
    @Flag(help: "Play the episodes side by side in a grid instead of one after another.") var tile = false
    @Flag(help: "Write step, reward, return and success on the frames.") var overlay = false
    @Flag(help: "Fast rendering: no shadows, reflections, skybox or multisampling.") var fast = false
    @Option(help: "Output: .mp4, .gif, or a folder ending in /.") var out: String

    func validate() throws {
        guard episodes > 0 else { throw ValidationError("--episodes must be positive") }
        guard maxSteps.map({ $0 > 0 }) ?? true else { throw ValidationError("--max-steps must be positive") }
        guard (8...4096).contains(width), (8...4096).contains(height) else { throw ValidationError("--width and --height must be 8…4096") }
        guard (1...240).contains(fps) else { throw ValidationError("--fps must be 1…240") }
    }

    /// One episode being rendered: its environment, policy, latest frame and running totals.
    final class Rollout {
        let environment: any Environment<[Float]>
        var policy: any EvaluationPolicy
        let renderer: OffscreenRenderer
        var frame: RGBImage
        var observation: [Float]
        var steps = 0, episodeReturn = 0.0, reward = 0.0, success = 0.0, done = false

        init(environment: any Environment<[Float]>, policy: any EvaluationPolicy, renderer: OffscreenRenderer,
             seed: UInt32) throws {
            self.environment = environment
            self.policy = policy
            self.renderer = renderer
            frame = RGBImage(width: renderer.width, height: renderer.height)
            observation = try environment.reset(seed: seed)
        }
    }

    func run() throws {
        try runReportingErrors {
            guard policy == "random" || policy == "oracle" else {
                throw CommandFailure(message: "--policy \(policy): render random or oracle policies; trained checkpoints arrive with `infom train` (issue 7)")
            }
            let probe = try EnvironmentRegistry.make(env)
            if policy == "oracle", !(probe is ManipulationEnvironment) {
                throw CommandFailure(message: "--policy oracle needs a manipulation env (cube, scene, puzzle); \(env) has no scripted oracle. Use --policy random.")
            }
            let view = camera.map(RenderCamera.init(argument:)) ?? probe.defaultCamera
            let options: RenderOptions = fast ? .fast : .standard
            let columns = tile ? Int(Double(episodes).squareRoot().rounded(.up)) : 1
            let frameWidth = width * columns, frameHeight = height * (tile ? (episodes + columns - 1) / columns : 1)
            let writer = try VideoWriter(path: out, width: frameWidth, height: frameHeight, fps: fps)
            if let notice = writer.notice { FileHandle.standardError.write(Data((notice + "\n").utf8)) }

            let groups = tile ? [Array(0..<episodes)] : (0..<episodes).map { [$0] }
            for group in groups {
                let rollouts = try group.map { episode -> Rollout in
                    let environment = try EnvironmentRegistry.make(env)
                    let episodeSeed = PolicyEvaluation.episodeSeed(run: seed, episode: episode)
                    let policy: any EvaluationPolicy = self.policy == "oracle" ? OraclePolicy(seed: episodeSeed) : RandomPolicy(seed: episodeSeed)
                    let renderer = try OffscreenRenderer(model: environment.simulation.model, width: width, height: height, options: options)
                    return try Rollout(environment: environment, policy: policy, renderer: renderer, seed: episodeSeed)
                }
                while true {
                    for (k, rollout) in rollouts.enumerated() where !rollout.done || rollout.steps == 0 {
                        try rollout.renderer.render(rollout.environment.simulation, camera: view, into: &rollout.frame)
                        if overlay { rollout.frame.drawLabel(label(rollout, episode: group[k])) }
                    }
                    try writer.append(rollouts.count == 1 ? rollouts[0].frame : RGBImage.tiled(rollouts.map(\.frame), columns: columns))
                    if rollouts.allSatisfy(\.done) { break }
                    for rollout in rollouts where !rollout.done {
                        let step = try rollout.environment.step(try rollout.policy.action(in: rollout.environment, observation: rollout.observation))
                        rollout.observation = step.observation
                        rollout.steps += 1
                        rollout.reward = step.reward
                        rollout.episodeReturn += step.reward
                        rollout.success = step.info["success"] ?? rollout.success
                        rollout.done = step.stepType == .last || rollout.steps >= (maxSteps ?? Int.max)
                    }
                }
            }
            try writer.finish()
            print("wrote \(writer.path): \(writer.frameCount) frames of \(frameWidth)x\(frameHeight) at \(fps) fps")
        }
    }

    /// The overlay text of a rollout's current frame.
    func label(_ rollout: Rollout, episode: Int) -> String {
        var text = "ep \(episode) step \(rollout.steps)\nreward " + String(format: "%.2f", rollout.reward)
            + "\nreturn " + String(format: "%.1f", rollout.episodeReturn)
        if rollout.success > 0 { text += "\nsuccess" }
        return text
    }
}
