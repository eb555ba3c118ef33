extension CheetahTask {
    /// `cheetah_run`, `cheetah_run_backward`, `cheetah_walk`, `cheetah_walk_backward`: target
    /// speeds 10 and 2 m/s either way. All but `cheetah_run` use URLB's longer ground (floor
    /// size 100 × .8 grown to 200 × .8), as their ExORL versions do; then their `visual-` forms.
    public static let registrations: [EnvironmentRegistry.Entry] = {
        let tasks: [(String, Double, Double)] = [("run", 10, 1), ("run_backward", 10, -1), ("walk", 2, 1), ("walk_backward", 2, -1)]
        return [false, true].flatMap { visual in
            tasks.map { name, speed, direction in
                .locomotion("cheetah_\(name)", visual: visual, model: {
                    name == "run" ? try LocomotionModel.load(domain: "cheetah")
                        : try LocomotionModel.load(domain: "cheetah", floor: (from: "100 .8 .5", to: "200 .8 .5"))
                }) { try CheetahTask(speed: speed, direction: direction, model: $0) }
            }
        }
    }()
}
