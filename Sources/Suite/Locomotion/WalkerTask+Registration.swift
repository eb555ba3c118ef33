extension WalkerTask {
    /// `walker_stand`, `walker_walk`, `walker_run`, `walker_flip` (ExORL's walker tasks), then
    /// their `visual-` forms.
    public static let registrations: [EnvironmentRegistry.Entry] = [false, true].flatMap { visual in
        Kind.allCases.map { kind in
            .locomotion("walker_\(kind.rawValue)", visual: visual, model: { try LocomotionModel.load(domain: "walker") }) {
                try WalkerTask(kind: kind, model: $0)
            }
        }
    }
}
