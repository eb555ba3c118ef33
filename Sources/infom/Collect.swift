import Agents
import ArgumentParser
import ArrayFiles
import Datasets
import Foundation
import Rendering
import Suite

/// `infom collect`: a reward-free dataset in OGBench's flat layout, resumable and shardable.
struct Collect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Collect a reward-free dataset (.npz) with a scripted or exploratory collector.",
        discussion: """
            Writes OUT (and OUT-val.npz with --val-episodes) with observations, actions, terminals, qpos, \
            qvel and physics, one row per time step and episodes of the environment's full length (1001 rows \
            for locomotion), plus a metadata.json entry. Finished episodes are kept in OUT.parts/ until the \
            file is complete: if a run is interrupted, run the same command again to finish it. Each \
            episode's seeds derive from --seed and its index, so shards (--shard I/N, one per machine) and \
            resumed runs give the same episodes; join shards with `infom dataset merge`.

            Collectors: random (uniform actions, any environment); play (OGBench's plan oracles with \
            smoothed noise) and noisy (OGBench's Markov oracles with Gaussian noise and random actions) on \
            the manipulation envs, which also record button_states (scene, puzzle); rnd (URLB's DDPG + RND \
            explorer, learning as it collects, as ExORL's rnd data; state observations; episodes run in order \
            on one worker while the networks use all cores; --hidden, --batch and --seed-steps shrink it for \
            CPU). Visual ids (visual-…) record 64x64 frames unless --pixels says otherwise.

            Examples:
              infom collect --env walker_walk --collector random --episodes 100 --out walker-random.npz
              infom collect --env cube-single-v0 --collector play --episodes 100 --val-episodes 10 --out cube-single-play.npz
              infom collect --env walker_walk --collector rnd --episodes 50 --hidden 256 --batch 256 --out walker-rnd.npz
            """)

    @Option(help: "Environment ID (see `infom envs`).") var env: String
    @Option(help: "The collector (see above).") var collector: CollectorKind = .random
    @Option(parsing: .unconditional, help: "Training episodes.") var episodes: Int
    @Option(parsing: .unconditional, help: "Validation episodes, written to NAME-val.npz.") var valEpisodes: Int = 0
    @Option(parsing: .unconditional, help: "Base seed of the collection.") var seed: UInt32 = 0
    @Option(parsing: .unconditional, help: "Collect pixel observations of this size (square, from the task's camera) instead of states.")
    var pixels: Int?
    @Option(help: "Pixel rendering: standard (MuJoCo's look: shadows, reflections, skybox, multisampling) or fast (none of those; about 25× faster on CPU).")
    var render: RenderLook?
    @Option(parsing: .unconditional, help: "Worker threads (default: all cores; rnd runs its episodes in order on one).") var workers: Int?
    @Option(help: "Collect share I of N (0-based), e.g. 3/8.") var shard: String = "0/1"
    @Option(help: "Output .npz file.") var out: String
    @Option(parsing: .unconditional, help: "rnd: width of the actor, critic and RND networks (default 1024, URLB's).") var hidden: Int?
    @Option(parsing: .unconditional, help: "rnd: replay batch size (default 1024, URLB's).") var batch: Int?
    @Option(parsing: .unconditional, help: "rnd: uniform-random steps before the explorer acts and learns (default 4000, URLB's).") var seedSteps: Int?

    func validate() throws {
        try CountLimit.require("--episodes", episodes, in: CountLimit.episodes)
        try CountLimit.require("--val-episodes", valEpisodes, in: 0...CountLimit.episodes.upperBound)
        try CountLimit.require("--workers", workers, in: 1...1024)
        try CountLimit.require("--pixels", pixels, in: 8...1024)
        guard out.hasSuffix(".npz") else { throw ValidationError("--out must name a .npz file") }
        try CountLimit.require("--hidden", hidden, in: 1...16_384)
        try CountLimit.require("--batch", batch, in: 1...65_536)
        try CountLimit.require("--seed-steps", seedSteps, in: 0...100_000_000)
        if collector != .rnd, let flag = [("--hidden", hidden), ("--batch", batch), ("--seed-steps", seedSteps)].first(where: { $0.1 != nil })?.0 {
            throw ValidationError("\(flag) sizes the rnd collector's networks; drop it, or use --collector rnd")
        }
        if collector == .rnd, workers != nil {
            throw ValidationError("--workers does not apply to --collector rnd, whose episodes run in order on one worker (its networks use all cores); drop it")
        }
        let (_, count) = try shardNumbers()
        guard episodes >= count else {
            throw ValidationError("--episodes \(episodes) cannot be shared among \(count) shards; collect at least one episode per shard")
        }
        guard valEpisodes == 0 || valEpisodes >= count else {
            throw ValidationError("--val-episodes \(valEpisodes) cannot be shared among \(count) shards, and a shard without its -val file cannot be merged with the others; use 0 or at least \(count)")
        }
        try OutputPath.checkParent(of: out)
    }

    func shardNumbers() throws -> (index: Int, count: Int) {
        let parts = shard.split(separator: "/").compactMap { Int($0) }
        guard parts.count == 2, parts[1] > 0, (0..<parts[1]).contains(parts[0]) else {
            throw ValidationError("--shard must be I/N with 0 ≤ I < N, e.g. 0/4; got \(shard)")
        }
        return (parts[0], parts[1])
    }

    func run() throws {
        try runReportingErrors {
            let (index, count) = try shardNumbers()
            let probe = try EnvironmentRegistry.make(env)
            let camera = probe.defaultCamera
            let pixels = try self.pixels ?? (EnvironmentRegistry.entry(env).pixels ? 64 : nil)
            guard pixels != nil || render == nil else {
                throw CommandFailure(message: "--render sets the look of pixel observations, and \(env) records states; add --pixels 64 or drop --render")
            }
            let render = self.render ?? .standard
            let renderLabel = pixels.map { "\($0)x\($0) \(camera) \(render.rawValue)" }
            var settings = RNDSettings()
            if let hidden {
                settings.hidden = hidden
                settings.rndHidden = hidden
            }
            if let batch { settings.batch = batch }
            if let seedSteps { settings.seedSteps = seedSteps }
            let plan = CollectionPlan(env: env, collector: collector == .rnd ? settings.label : collector.rawValue, seed: seed,
                                      episodes: episodes, valEpisodes: valEpisodes, render: renderLabel, shardIndex: index,
                                      shardCount: count)
            let factory = try collector.factory(env: env, pixels: pixels, options: .observation(fast: render == .fast),
                                                rnd: settings, partsFolder: CollectionJob.partsFolder(for: out))
            let job = CollectionJob(plan: plan, output: out, workers: workers ?? (collector == .rnd ? 1 : ProcessInfo.processInfo.activeProcessorCount),
                                    episodesDependOnEarlier: collector.episodesDependOnEarlier, makeCollector: factory)
            let bar = ProgressBar(label: "\(env) \(collector.rawValue)")
            let paths = try job.run(progress: { bar.update($0) }, notice: bar.note)
            bar.finish()
            for path in paths {
                let archive = try NPZArchive(path: path)
                let rows = try archive.header(DatasetKeys.terminals).shape[0]
                print("wrote \(path): \(rows) rows")
            }
        }
    }
}
