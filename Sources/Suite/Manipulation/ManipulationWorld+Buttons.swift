/// The buttons' share of resets and observations, for the scene and the puzzles.
extension ManipulationWorld {
    /// Every button on or off with probability ½, then applied.
    func randomizeButtons(random: inout NumpyRandomState) throws {
        for i in 0..<buttonStates.count { buttonStates[i] = random.uniform(0, 1) < 0.5 ? 0 : 1 }
        try applyButtonStates()
    }

    /// The buttons in `states`, then applied; with `targets`, those become the target states.
    func setButtons(_ states: [Int], targets: [Int]? = nil) throws {
        buttonStates = states
        if let targets { targetButtonStates = targets }
        try applyButtonStates()
    }

    /// Each button's one-hot state, scaled slide position and velocity (§4.2).
    func appendButtonObservations(to out: inout [Float]) {
        for i in 0..<buttonStates.count {
            out.append(buttonStates[i] == 0 ? 1 : 0)
            out.append(buttonStates[i] == 1 ? 1 : 0)
            out.append(Float(buttonPosition(i) * 120))
            out.append(Float(buttonVelocity(i)))
        }
    }
}
