import ArgumentParser

/// The options `infom eval` and `infom train` share for rendering evaluation episodes to a video.
struct VideoOptions: ParsableArguments {
    @Option(help: "Also render evaluation episodes to this video (.mp4, .gif or folder/).") var video: String?
    @Option(parsing: .unconditional, help: "Episodes in the video.") var videoEpisodes: Int = 2

    func validate() throws {
        try CountLimit.require("--video-episodes", videoEpisodes, in: CountLimit.evaluationEpisodes)
        try video.map(VideoDestination.check)
    }

    /// Renders the first `min(videoEpisodes, available)` evaluation episodes of base seed `seed`
    /// (the same seeded episodes an evaluation runs) to `--video`, if it was given.
    func write(env: String, seed: UInt32, available: Int, policy: PolicySource) throws {
        guard let video else { return }
        try RolloutVideo(env: env, episodes: min(videoEpisodes, available), seed: seed)
            .write(to: video, makePolicy: policy.make(seed:))
    }
}
