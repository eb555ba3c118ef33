extension JacoReachTask {
    /// `jaco_reach_top_left`, `jaco_reach_top_right`, `jaco_reach_bottom_left`,
    /// `jaco_reach_bottom_right`, then their `visual-` forms (64×64 frames from `front_close`).
    public static let registrations: [EnvironmentRegistry.Entry] = [false, true].flatMap { visual in
        Corner.allCases.map { corner in
            .locomotion("jaco_reach_\(corner.rawValue)", visual: visual, model: { try JacoModel.load() }) {
                try JacoReachTask(corner: corner, model: $0)
            }
        }
    }
}
