extension ManipulationFamily {
    /// OGBench's manipulation ids (§1.1, §1.2) of every family: goal-conditioned, single-task
    /// (default and task1…5), each also `visual-` (octuple cubes have no visual form).
    public static let registrations: [EnvironmentRegistry.Entry] = {
        var entries: [EnvironmentRegistry.Entry] = []
        for family in ManipulationFamily.all {
            for visual in [false, true] where !(visual && family == .cube(count: 8)) {
                let prefix = visual ? "visual-" : ""
                let goalID = "\(prefix)\(family.stem)-v0"
                var entry = EnvironmentRegistry.Entry(id: goalID, family: family.stem, observationSize: family.observationSize, actionSize: 5) { seed in
                    try ManipulationEnvironment(id: goalID, family: family, pixels: visual, seed: seed)
                }
                entry.pixels = visual
                entries.append(entry)
                for task in [nil] + Array(1...5) {
                    let id = "\(prefix)\(family.stem)-singletask\(task.map { "-task\($0)" } ?? "")-v0"
                    var single = EnvironmentRegistry.Entry(id: id, family: family.stem, observationSize: family.observationSize, actionSize: 5) { seed in
                        try ManipulationEnvironment(id: id, family: family, rewardTask: task ?? family.defaultSingleTask,
                                                    successTiming: .pre, permuteCubes: false, pixels: visual, seed: seed)
                    }
                    single.pixels = visual
                    entries.append(single)
                }
            }
        }
        return entries
    }()
}
