import ArgumentParser

/// The options `infom eval` and `infom train` share for rendering evaluation episodes to a video.
struct VideoOptions: ParsableArguments {
    @Option(help: "Also render evaluation episodes to this video (.mp4, .gif or folder/).") var video: String?
    @Option(parsing: .unconditional, help: "Episodes in the video (default 2).") var videoEpisodes: Int?

    func validate() throws {
        try CountLimit.require("--video-episodes", videoEpisodes, in: CountLimit.evaluationEpisodes)
        try video.map(VideoDestination.check)
        guard video != nil || videoEpisodes == nil else { throw ValidationError("--video-episodes needs --video FILE; add it or drop --video-episodes") }
    }

    /// Renders the first `min(videoEpisodes, available)` (2 by default) evaluation episodes of base seed `seed`
    /// (the same seeded episodes an evaluation runs) to `--video`, if it was given.
    func write(env: String, seed: UInt32, available: Int, policy: PolicySource) throws {
        guard let video else { return }
        try RolloutVideo(env: env, episodes: min(videoEpisodes ?? 2, available), seed: seed)
            .write(to: video, makePolicy: policy.make(seed:))
    }
}
