import ArgumentParser
import Foundation
import Rendering
import Suite

/// `infom render`: a rollout video of a policy, rendered headlessly.
struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render rollouts of a policy, or an episode stored in a dataset file, to an MP4, a GIF or PNG frames.",
        discussion: """
            Runs --episodes episodes (seeds derived from --seed as in `infom eval`) and renders every \
            step from --camera (default: the environment's camera). The format follows --out: .mp4 is \
            H.264 through the system ffmpeg (a GIF beside it, with a notice, when ffmpeg is missing), \
            .gif is an animated GIF, a path ending in / is a folder of PNG frames. Episodes follow one \
            another, or play side by side with --tile. --overlay writes the step, reward, return and \
            success on each frame.

            --dataset FILE.npz --episode K draws episode K of a dataset file (ours, or OGBench's as \
            downloaded) from its stored states instead: one frame per row, in the environment its \
            metadata names (--env names it for files without metadata). Goal markers are not \
            drawn: a dataset row does not record goals.

            Examples:
              infom render --env cube-single-v0 --policy oracle --episodes 2 --out cube.mp4
              infom render --env walker_walk --policy random --episodes 4 --tile --max-steps 200 --out walker.gif
              infom render --dataset puzzle-3x3-play.npz --episode 3 --out episode3.mp4
            """)

    @Option(help: "Environment ID (see `infom envs`); with --dataset, only for files without metadata.") var env: String?
    @Option(help: "Draw an episode of this dataset file from its stored states.") var dataset: String?
    @Option(parsing: .unconditional, help: "With --dataset: the episode to draw (0 is the first).") var episode: Int = 0
    @OptionGroup var rollout: RolloutOptions
    @Option(parsing: .unconditional, help: "Episodes to render.") var episodes: Int = 1
    @Option(parsing: .unconditional, help: "Stop each episode after this many steps.") var maxSteps: Int?
    @Option(parsing: .unconditional, help: "Frame width in pixels.") var width: Int = 256
    @Option(parsing: .unconditional, help: "Frame height in pixels.") var height: Int = 256
    @Option(parsing: .unconditional, help: "Frames per second of the video.") var fps: Int = 20
    @Flag(help: "Play the episodes side by side in a grid instead of one after another.") var tile = false
    @Flag(help: "Write step, reward, return and success on the frames.") var overlay = false
    @Flag(help: "Fast rendering: no shadows, reflections, skybox or multisampling.") var fast = false
    @Option(help: "Output: .mp4, .gif, or a folder ending in /.") var out: String

    func validate() throws {
        if dataset == nil {
            guard env != nil else { throw ValidationError("Missing expected argument '--env <env>' (or draw a stored episode with --dataset FILE)") }
        } else {
            guard rollout.policy == "random", episodes == 1, maxSteps == nil, !tile else {
                throw ValidationError("--dataset draws a stored episode; --policy, --episodes, --max-steps and --tile are for rollouts")
            }
            guard episode >= 0 else { throw ValidationError("--episode must be 0 or more") }
        }
        try CountLimit.require("--episodes", episodes, in: CountLimit.evaluationEpisodes)
        try CountLimit.require("--max-steps", maxSteps, in: 1...1_000_000)
        try VideoDestination.check(out)
        guard (8...4096).contains(width), (8...4096).contains(height) else { throw ValidationError("--width and --height must be 8…4096") }
        guard (1...240).contains(fps) else { throw ValidationError("--fps must be 1…240") }
    }

    /// The frames' look from the flags.
    var look: VideoLook {
        VideoLook(width: width, height: height, camera: rollout.camera, fps: fps, overlay: overlay, fast: fast)
    }

    func run() throws {
        try runReportingErrors {
            if let dataset {
                let video = StoredEpisodeVideo(dataset: dataset, episode: episode, env: env, look: look)
                return try video.write(to: out)
            }
            guard let env else { return }
            let source = try rollout.policySource(env: env)
            let video = RolloutVideo(env: env, episodes: episodes, maxSteps: maxSteps, seed: rollout.seed, tile: tile, look: look)
            try video.write(to: out, makePolicy: source.make(seed:))
        }
    }
}
