extension WalkerTask {
    /// `walker_stand`, `walker_walk`, `walker_run`, `walker_flip` (ExORL's walker tasks).
    public static let registrations: [EnvironmentRegistry.Entry] = Kind.allCases.map { kind in
        .locomotion("walker_\(kind.rawValue)", model: { try LocomotionModel.load(domain: "walker") }) {
            try WalkerTask(kind: kind, model: $0)
        }
    }
}
