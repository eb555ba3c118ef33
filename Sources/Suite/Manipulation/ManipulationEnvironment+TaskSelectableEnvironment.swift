/// Goal-conditioned ids choose among their evaluation tasks; single-task ids have one.
extension ManipulationEnvironment: TaskSelectableEnvironment {
    public var selectableTaskCount: Int { rewardTask == nil ? taskSpecs.count : 0 }
}
