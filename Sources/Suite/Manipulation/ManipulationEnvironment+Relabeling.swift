extension ManipulationEnvironment {
    /// The single-task reward of a stored state (OGBench's relabelling, §8.4): the number of
    /// satisfied task components minus their number (in {−k, …, 0}), judged on `qpos` (cube
    /// positions, drawer and window) and `buttonStates` against the goal of the current
    /// episode, with the §6.1 thresholds. The environment's own state is left as it was.
    /// Call it on a single-task environment after a reset.
    public func taskReward<Q: Collection>(qpos: Q, buttonStates: [Int]) throws -> (reward: Double, success: Bool)
    where Q.Element == Float {
        precondition(rewardTask != nil, "task rewards need a single-task environment")
        let model = simulation.model
        guard qpos.count == model.nq, buttonStates.count == family.buttonCount else {
            throw EnvironmentError.unsupported(env: id, reason:
                "a stored state has \(qpos.count) qpos values and \(buttonStates.count) button states; this env has \(model.nq) and \(family.buttonCount)")
        }
        let savedQpos = Array(simulation.qpos), savedButtons = world.buttonStates
        defer {
            for (i, value) in savedQpos.enumerated() { simulation.qpos[i] = value }
            world.buttonStates = savedButtons
        }
        for (i, value) in qpos.enumerated() { simulation.qpos[i] = Double(value) }
        world.buttonStates = buttonStates
        let all = world.successes().all
        let satisfied = all.filter { $0 }.count
        return (Double(satisfied - all.count), satisfied == all.count)
    }
}
