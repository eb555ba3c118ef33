import MuJoCo

/// What a ``Viewer`` shows and drives: a simulation advanced one control step at a time, with a
/// reset and a few lines of status for the overlay.
public protocol SteppedSimulation: AnyObject {
    /// The simulation the viewer draws; its model is the one the viewer was made for.
    var simulation: Simulation { get }
    /// Advances one control step (an environment step with the policy's action). Starting the
    /// next episode when one ends is the conformer's job.
    func step() throws
    /// Starts a new episode.
    func reset() throws
    /// (label, value) lines shown in the top-left corner, for example ("reward", "0.12").
    var status: [(String, String)] { get }
}
