import MuJoCo

/// The planar cheetah's tasks: run (10 m/s) and walk (2 m/s), forwards or backwards.
public struct CheetahTask: LocomotionTask {
    /// Target speed in m/s.
    public let speed: Double
    /// +1 for forwards, −1 for backwards.
    public let direction: Double
    public let substeps = 1
    public static let domain = "cheetah"
    public static let observationSize = 17
    public static let actionSize = 6
    public let pixelCamera = 0
    private let speedSensor: Sensor

    public init(speed: Double, direction: Double, model: Model) throws {
        self.speed = speed
        self.direction = direction
        speedSensor = try model.sensor("torso_subtreelinvel")
    }

    /// Uniform leg angles within their limits, then 200 settling steps with zero control and
    /// the clock reset to 0. The first `mj_step2` uses the derived quantities of the reset pose,
    /// exactly as dm_control's `physics.step(nstep=200)` does.
    public func initializeEpisode(_ simulation: Simulation, random: inout NumpyRandomState) throws {
        for joint in simulation.model.objects(Joint.self) {
            if let range = joint.range {
                simulation.qpos[joint.qposAddress] = random.uniform(range.lowerBound, range.upperBound)
            }
        }
        try simulation.step2()
        for _ in 0..<199 { try simulation.step() }
        try simulation.step1()
        simulation.time = 0
    }

    /// position (qpos without rootx), velocity (qvel).
    public func writeObservation(_ simulation: Simulation, into out: UnsafeMutableBufferPointer<Float>) {
        var k = 0
        for value in simulation.qpos.dropFirst() { out[k] = Float(value); k += 1 }
        for value in simulation.qvel { out[k] = Float(value); k += 1 }
    }

    public func reward(_ simulation: Simulation) -> Double {
        tolerance(direction * simulation.reading(of: speedSensor)[0], bounds: (speed, .infinity), margin: speed,
                  sigmoid: .linear, valueAtMargin: 0)
    }
}
