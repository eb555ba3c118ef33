import ArgumentParser

/// The options `infom eval` and `infom train` share for rendering evaluation episodes to a video.
struct VideoOptions: ParsableArguments {
    @Option(help: "Also render evaluation episodes to this video (.mp4, .gif or folder/).") var video: String?
    @Option(help: "Episodes in the video.") var videoEpisodes: Int = 2

    func validate() throws {
        guard videoEpisodes > 0 else { throw ValidationError("--video-episodes must be positive") }
    }

    /// Renders the first `min(videoEpisodes, available)` evaluation episodes of base seed `seed`
    /// (the same seeded episodes an evaluation runs) to `--video`, if it was given.
    func write(env: String, seed: UInt32, available: Int, policy: PolicySource) throws {
        guard let video else { return }
        try RolloutVideo(env: env, episodes: min(videoEpisodes, available), seed: seed)
            .write(to: video, makePolicy: policy.make(seed:))
    }
}
