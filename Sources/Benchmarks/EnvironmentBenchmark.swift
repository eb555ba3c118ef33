import CMuJoCo
import Dispatch
import MuJoCo
import Suite
import Synchronization

/// Env steps/s of one environment, of a bare C loop doing the same substeps with the controls
/// the environment produced, and of copies stepped in parallel, one per thread. Visual ids
/// (`visual-…`) time the pixel environment (physics and a 64×64 frame per step).
public struct EnvironmentBenchmark {
    public let id: String
    public let steps: Int
    public let copies: Int

    public init(id: String, steps: Int, copies: Int) {
        self.id = id
        self.steps = steps
        self.copies = copies
    }

    public struct Report: Encodable {
        public let env: String
        public let steps: Int
        public let substeps: Int
        public let env_steps_per_s: Double
        public let bare_c_steps_per_s: Double
        public let ratio: Double
        public let vector_copies: Int
        public let vector_steps_per_s: Double
        public let vector_speedup: Double
    }

    public func run() throws -> Report {
        let entry = try EnvironmentRegistry.entry(id)
        let environment = try Self.makeTimed(entry, seed: 1)
        let model = environment.simulation.model
        let actionSize = environment.actionSpec.count
        var random = NumpyRandomState(seed: 0)
        let actions = (0..<steps).map { _ in (0..<actionSize).map { _ in Float(random.uniform(-1, 1)) } }
        let substeps = Int((try Self.stepDuration(environment) / model.timestep).rounded())

        // Resets (cheetah settles for 200 physics steps) are not timed: both loops time episode
        // steps only, the bare loop restarting from each episode's initial state.
        // The bare loop replays the controls the environment wrote (for manipulation: the IK's
        // joint targets), recorded right after each step.
        let bare = try Simulation(model: model)
        let implicitFast: Int32 = environment.simulation.stepIntegrator == .implicitFast ? 1 : 0
        let nu = model.nu
        var controls = [Double](repeating: 0, count: steps * nu)
        var envSeconds = 0.0, bareSeconds = 0.0, done = 0
        while done < steps {
            _ = try environment.reset()
            let start = environment.simulation.state
            let n = min(environment.episodeLength, steps - done)
            let ctrl = environment.simulation.ctrl
            envSeconds += try Measurement.seconds {
                for t in done..<(done + n) {
                    try environment.stepDiscardingResult(actions[t])
                    for u in 0..<nu { controls[t * nu + u] = ctrl[u] }
                }
            }
            try bare.restore(start)
            try bare.forward()
            bareSeconds += controls.withUnsafeBufferPointer { all in
                Measurement.seconds {
                    infom_bare_substep_loop(model.pointer, bare.pointer, all.baseAddress! + done * nu, n, Int32(substeps),
                                            implicitFast)
                }
            }
            done += n
        }

        let (vectorSteps, vectorSeconds) = try Self.parallelRate(entry, copies: copies, stepsEach: max(1, steps / copies),
                                                                  actions: actions)
        let envRate = Double(steps) / envSeconds, bareRate = Double(steps) / bareSeconds
        let vectorRate = Double(vectorSteps) / vectorSeconds
        return Report(env: id, steps: steps, substeps: substeps, env_steps_per_s: envRate,
                      bare_c_steps_per_s: bareRate, ratio: envRate / bareRate, vector_copies: copies,
                      vector_steps_per_s: vectorRate, vector_speedup: vectorRate / envRate)
    }

    /// The environment the bench steps: the registered one, or its pixel version for visual ids.
    static func makeTimed(_ entry: EnvironmentRegistry.Entry, seed: UInt32) throws -> any Environment {
        let base = try EnvironmentRegistry.make(entry.id, seed: seed)
        return entry.pixels ? try PixelEnvironment(base) : base
    }

    /// Steps `copies` environments on as many threads (timed after their resets); returns total
    /// steps and wall seconds.
    static func parallelRate(_ entry: EnvironmentRegistry.Entry, copies: Int, stepsEach: Int,
                             actions: [[Float]]) throws -> (Int, Double) {
        let environments = try (0..<copies).map { try makeTimed(entry, seed: UInt32(1 + $0)) }
        for environment in environments { _ = try environment.reset() }
        let owned = OnePerThread(environments)
        let failure = Mutex<Error?>(nil)
        let seconds = Measurement.seconds {
            DispatchQueue.concurrentPerform(iterations: copies) { i in
                do {
                    for t in 0..<stepsEach { try owned.values[i].stepDiscardingResult(actions[t % actions.count]) }
                } catch {
                    failure.withLock { $0 = error }
                }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
        return (copies * stepsEach, seconds)
    }

    /// Seconds of simulated time per environment step, measured by stepping once.
    private static func stepDuration(_ environment: any Environment) throws -> Double {
        _ = try environment.reset()
        let before = environment.simulation.time
        try environment.stepDiscardingResult([Float](repeating: 0, count: environment.actionSpec.count))
        return environment.simulation.time - before
    }
}

/// Environments handed to worker threads, each used by exactly one thread.
private struct OnePerThread: @unchecked Sendable {
    let values: [any Environment]
    init(_ values: [any Environment]) { self.values = values }
}
