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

    /// A place in the video: an environment driven by the policy, its renderer and latest frame.
    /// Concatenated episodes reuse one slot; tiled ones have a slot each.
    final class Slot {
        let rollout: PolicyRollout
        let renderer: OffscreenRenderer
        var frame: RGBImage
        var episode = 0

        init(rollout: PolicyRollout, renderer: OffscreenRenderer) {
            self.rollout = rollout
            self.renderer = renderer
            frame = RGBImage(width: renderer.width, height: renderer.height)
        }
    }

    func run() throws {
        try runReportingErrors {
            guard let kind = ScriptedPolicy(rawValue: policy) else {
                throw CommandFailure(message: "--policy \(policy): render random or oracle policies; trained checkpoints arrive with `infom train` (issue 7)")
            }
            try kind.check(env: env)
            let options: RenderOptions = fast ? .fast : .standard
            let slots = try (0..<(tile ? episodes : 1)).map { _ -> Slot in
                let environment = try EnvironmentRegistry.make(env)
                return Slot(rollout: PolicyRollout(environment: environment),
                            renderer: try OffscreenRenderer(model: environment.simulation.model, width: width, height: height,
                                                            options: options))
            }
            let view = camera.map(RenderCamera.init(argument:)) ?? slots[0].rollout.environment.defaultCamera
            let columns = tile ? Int(Double(episodes).squareRoot().rounded(.up)) : 1
            let frameWidth = width * columns, frameHeight = height * (tile ? (episodes + columns - 1) / columns : 1)
            let writer = try VideoWriter(path: out, width: frameWidth, height: frameHeight, fps: fps)
            if let notice = writer.notice { FileHandle.standardError.write(Data((notice + "\n").utf8)) }

            for first in stride(from: 0, to: episodes, by: slots.count) {
                for (k, slot) in slots.enumerated() {
                    slot.episode = first + k
                    let episodeSeed = PolicyEvaluation.episodeSeed(run: seed, episode: slot.episode)
                    try slot.rollout.reset(seed: episodeSeed, policy: kind.make(seed: episodeSeed))
                }
                var fresh = true
                while true {
                    for slot in slots where fresh || !slot.rollout.isDone {
                        try slot.renderer.render(slot.rollout.environment.simulation, camera: view, into: &slot.frame)
                        if overlay { slot.frame.drawLabel(label(slot.rollout, episode: slot.episode)) }
                    }
                    fresh = false
                    try writer.append(slots.count == 1 ? slots[0].frame : RGBImage.tiled(slots.map(\.frame), columns: columns))
                    if slots.allSatisfy(\.rollout.isDone) { break }
                    for slot in slots where !slot.rollout.isDone { try slot.rollout.step(maxSteps: maxSteps) }
                }
            }
            try writer.finish()
            print("wrote \(writer.path): \(writer.frameCount) frames of \(frameWidth)x\(frameHeight) at \(fps) fps")
        }
    }

    /// The overlay text of a rollout's current frame.
    func label(_ rollout: PolicyRollout, episode: Int) -> String {
        var text = "ep \(episode) step \(rollout.steps)\nreward " + String(format: "%.2f", rollout.reward)
            + "\nreturn " + String(format: "%.1f", rollout.episodeReturn)
        if rollout.success > 0 { text += "\nsuccess" }
        return text
    }
}
