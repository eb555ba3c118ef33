extension Environment {
    /// Puts the environment in a recorded state to draw it: a manipulation environment through
    /// ``ManipulationEnvironment/setState(qpos:qvel:buttonStates:)`` (button colours and locks
    /// included) with its goal markers hidden, since a dataset row does not record goals; any
    /// other environment by setting qpos and qvel and recomputing positions. Reset first.
    public func show(qpos: [Double], qvel: [Double], buttonStates: [Int]) throws {
        if let manipulation = self as? ManipulationEnvironment {
            manipulation.world.visualizeInfo = false
            try manipulation.setState(qpos: qpos, qvel: qvel, buttonStates: buttonStates)
            return
        }
        try EnvironmentError.reportingPhysics(env: id, step: 0) {
            try simulation.qpos.assign(qpos)
            try simulation.qvel.assign(qvel)
            try simulation.forward()
        }
    }
}
