import CMuJoCo
import MuJoCo

/// Steps/s through ``Simulation/step()`` against a bare C `mj_step` loop on the same model:
/// both start from the model's initial state and take the same number of steps, alternating
/// for `repeats` rounds; the median rate of each is reported.
public struct PhysicsBenchmark {
    public let modelPath: String
    public let steps: Int
    public let repeats: Int

    public init(modelPath: String, steps: Int, repeats: Int) {
        self.modelPath = modelPath
        self.steps = steps
        self.repeats = repeats
    }

    public struct Report: Encodable {
        public let model: String
        public let steps: Int
        public let repeats: Int
        public let swift_steps_per_s: Double
        public let c_steps_per_s: Double
        public let ratio: Double
        /// The model's sizes and time step, for the text report.
        public let nq: Int, nv: Int, timestep: Double

        enum CodingKeys: String, CodingKey { case model, steps, repeats, swift_steps_per_s, c_steps_per_s, ratio }
    }

    public func run() throws -> Report {
        let model = try Model(contentsOf: modelPath)
        let ours = try Simulation(model: model)
        let bare = try Simulation(model: model)
        var swiftRates: [Double] = [], cRates: [Double] = []
        for _ in 0..<repeats {
            ours.reset()
            let swiftSeconds = try Measurement.seconds {
                for _ in 0..<steps { try ours.step() }
            }
            bare.reset()
            let cSeconds = Measurement.seconds {
                infom_bare_step_loop(model.pointer, bare.pointer, steps)
            }
            swiftRates.append(Double(steps) / swiftSeconds)
            cRates.append(Double(steps) / cSeconds)
        }
        return Report(model: modelPath, steps: steps, repeats: repeats,
                      swift_steps_per_s: Measurement.median(swiftRates), c_steps_per_s: Measurement.median(cRates),
                      ratio: Measurement.median(swiftRates) / Measurement.median(cRates),
                      nq: model.nq, nv: model.nv, timestep: model.timestep)
    }
}
