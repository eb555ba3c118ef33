extension ManipulationEnvironment {
    /// Draws the next data-collection subtask (§7.4) and moves the goal markers: a cube on top of
    /// its stack to a random spot (or, with `stackProbability`, onto another top cube; in the
    /// scene sometimes into the open drawer), a button to press, or the drawer or window to
    /// open or close.
    public func setNewTarget(stackProbability: Double) throws {
        precondition(mode == .dataCollection, "subtasks exist in data-collection mode only")
        subtask = try task.drawSubtask(in: world, stackProbability: stackProbability, random: &random)
        simulation.computeKinematics()
    }
}
