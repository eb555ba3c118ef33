import Foundation
import MuJoCo

/// Keeps simulated time in step with wall-clock time for the ``Viewer``: steps a simulation
/// until it has caught up with the time elapsed since the last restart, and paces frames.
struct RealTimeClock {
    /// Frames per second the viewer aims for; rendering slower than this lowers the rate.
    static let framesPerSecond = 60.0
    /// Steps per frame at most; a simulation that cannot keep up runs slower than real time.
    static let maxStepsPerFrame = 100

    private var wallStart = ContinuousClock.now
    private var simulationStart: Double
    private var lastFrame = ContinuousClock.now

    init(simulationTime: Double) { simulationStart = simulationTime }

    /// Counts time from now and `simulationTime`.
    mutating func restart(simulationTime: Double) {
        wallStart = .now
        simulationStart = simulationTime
    }

    /// Steps `subject` until its simulated time has caught up with wall-clock time; returns
    /// the steps taken. Restarts when the simulation's time went back (a new episode) or it fell
    /// behind.
    mutating func catchUp(_ subject: SteppedSimulation) throws -> Int {
        let elapsed = Self.seconds(ContinuousClock.now - wallStart)
        var steps = 0
        while subject.simulation.time - simulationStart < elapsed, steps < Self.maxStepsPerFrame {
            let before = subject.simulation.time
            try subject.step()
            steps += 1
            if subject.simulation.time < before { restart(simulationTime: subject.simulation.time); break }
        }
        if steps == Self.maxStepsPerFrame { restart(simulationTime: subject.simulation.time) }
        return steps
    }

    /// Sleeps out the rest of this frame's share of a second.
    mutating func waitForNextFrame() {
        let remaining = 1 / Self.framesPerSecond - Self.seconds(ContinuousClock.now - lastFrame)
        if remaining > 0 { Thread.sleep(forTimeInterval: remaining) }
        lastFrame = .now
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }
}
