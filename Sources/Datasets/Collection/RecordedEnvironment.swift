import ArrayFiles
import Suite

/// The environment a collector runs and whose observations it records: the state vector, or
/// the frames of a ``PixelEnvironment`` wrapping it. One rollout loop serves every collector.
public struct RecordedEnvironment {
    public let environment: any Environment<[Float]>
    /// Renders the recorded observations when set (it wraps `environment`).
    public let pixels: PixelEnvironment?

    public init(_ environment: any Environment<[Float]>, pixels: PixelEnvironment? = nil) {
        self.environment = environment
        self.pixels = pixels
    }

    /// An empty recorder for this environment's rows (uint8 frames or float32 states).
    public func makeRecorder(buttonCount: Int = 0) -> EpisodeRecorder {
        let model = environment.simulation.model
        return EpisodeRecorder(observationShape: (pixels?.observationSpec ?? environment.observationSpec).shape,
                               observationDType: pixels == nil ? .float32 : .uint8,
                               actionSize: environment.actionSpec.count, nq: model.nq, nv: model.nv, buttonCount: buttonCount)
    }

    /// One episode of `rows` rows into `recorder` (cleared first): reset (with `seed`, or
    /// continuing the environment's generator when nil), then per row ask `action(row, state)`
    /// (`state` is the observation when it is a state vector, nil for frames),
    /// record the row (observation, action, physics state, `buttons()`) and, except after the
    /// last row, step and call `afterStep`. The last row's action is recorded, never applied.
    public func rollout(rows: Int, seed: UInt32?, into recorder: EpisodeRecorder, buttons: () -> [Int] = { [] },
                        action: (Int, [Float]?) throws -> [Float], afterStep: () throws -> Void = {}) throws {
        if let pixels {
            try rollout(rows, recorder, buttons, action, afterStep, reset: { try pixels.reset(seed: seed) },
                        step: { try pixels.step($0).observation })
        } else {
            try rollout(rows, recorder, buttons, action, afterStep, reset: { try environment.reset(seed: seed) },
                        step: { try environment.step($0).observation })
        }
    }

    private func rollout<O: NPYElement>(_ rows: Int, _ recorder: EpisodeRecorder, _ buttons: () -> [Int],
                                        _ action: (Int, [Float]?) throws -> [Float], _ afterStep: () throws -> Void,
                                        reset: () throws -> [O], step: ([Float]) throws -> [O]) throws {
        recorder.clear()
        var observation = try reset()
        for row in 0..<rows {
            let chosen = try action(row, observation as? [Float])
            recorder.record(observation: observation, action: chosen, physicsState: environment.simulation.physicsState,
                            buttons: buttons())
            if row < rows - 1 {
                observation = try step(chosen)
                try afterStep()
            }
        }
    }
}
