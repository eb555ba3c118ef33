/// Problems MuJoCo reports while simulating: numerical instability, full buffers, fatal errors.
///
/// MuJoCo itself only counts these as warnings and, for bad numbers, silently resets the state;
/// ``Simulation`` turns them into errors so that a diverging rollout is never mistaken for data.
public enum SimulationError: Error, Equatable, CustomStringConvertible {
    /// A position, velocity, acceleration or control became NaN, infinite or huge. MuJoCo reset
    /// the simulation to its initial state. `index` is the offending coordinate.
    case unstable(quantity: String, index: Int, time: Double)
    /// More contacts than `nconmax` (or the arena allows): some were dropped.
    case contactBufferFull(time: Double)
    /// More constraints than `njmax`: some were dropped.
    case constraintBufferFull(time: Double)
    /// MuJoCo raised a fatal error; the data was reset.
    case fatal(function: String, message: String)

    public var description: String {
        switch self {
        case let .unstable(quantity, index, time):
            return "simulation became unstable at time \(time): bad \(quantity) at index \(index); MuJoCo reset the state. "
                + "Check actions for NaN or huge values, or lower the timestep."
        case let .contactBufferFull(time):
            return "contact buffer full at time \(time): raise <size nconmax=…/> (or memory) in the model"
        case let .constraintBufferFull(time):
            return "constraint buffer full at time \(time): raise <size njmax=…/> (or memory) in the model"
        case let .fatal(function, message):
            return "MuJoCo error in \(function): \(message)"
        }
    }
}
