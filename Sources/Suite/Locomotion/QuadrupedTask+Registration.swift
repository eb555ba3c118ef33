extension QuadrupedTask {
    /// `quadruped_walk`, `quadruped_run`, `quadruped_stand`, `quadruped_jump`; `run` on URLB's
    /// larger floor (10 × 10 grown to 100 × 100); then their `visual-` forms.
    public static let registrations: [EnvironmentRegistry.Entry] = [false, true].flatMap { visual in
        Kind.allCases.map { kind in
            .locomotion("quadruped_\(kind.rawValue)", visual: visual, model: {
                kind == .run ? try LocomotionModel.load(domain: "quadruped", floor: (from: "10 10 .5", to: "100 100 .5"))
                    : try LocomotionModel.load(domain: "quadruped")
            }) { try QuadrupedTask(kind: kind, model: $0) }
        }
    }
}
