import Suite

/// Which agent a run trains, with its sizes and hyperparameters: enough to rebuild it from a
/// checkpoint folder (saved there as `agent.json`).
public struct AgentDescription: Codable, Equatable, Sendable {
    /// The agents `infom train --agent` accepts.
    public enum Kind: String, Codable, CaseIterable, Sendable {
        case infom, iql, rebrac
        case mbpoReBRAC = "mbpo-rebrac"
        case crl = "crl-is"
        case tdInfoNCE = "td-infonce-is"
        case fb = "fb-iql"
        case hilp = "hilp-iql"
        case dinoReBRAC = "dino-rebrac"
    }

    public var kind: Kind
    public var observationSize: Int
    public var actionSize: Int
    public var infom: InFOMConfiguration?
    public var iql: IQLConfiguration?
    public var rebrac: ReBRACConfiguration?
    /// MBPO + ReBRAC: ReBRAC's hyperparameters with a world model.
    public var mbpoReBRAC: ReBRACConfiguration?
    public var crl: CRLConfiguration?
    public var tdInfoNCE: TDInfoNCEConfiguration?
    public var fb: FBConfiguration?
    public var hilp: HILPConfiguration?
    /// DINO + ReBRAC: ReBRAC's hyperparameters with a DINO encoder.
    public var dinoReBRAC: ReBRACConfiguration?
    /// What the agent sees on a visual task; nil on states.
    public var pixels: PixelObservation?

    /// The preset's description of `kind` for `env` with the given sizes. A visual env id
    /// (`visual-…`) needs `pixels` (read from its dataset; the frame stack comes from the
    /// agent's encoder) and one of the ``pixelKinds``, the agents with image encoders.
    public init(kind: Kind, preset: AgentPreset, env: String, observationSize: Int, actionSize: Int,
                pixels: PixelObservation? = nil) throws {
        self.kind = kind
        self.actionSize = actionSize
        switch kind {
        case .infom: infom = try .preset(preset, env: env)
        case .iql: iql = try .preset(preset, env: env)
        case .rebrac: rebrac = try .preset(preset, env: env)
        case .mbpoReBRAC:
            // The reference README's MBPO runs keep `mbpo_rebrac.py`'s penalties of 0.
            var configuration = try ReBRACConfiguration.preset(preset, env: env)
            configuration.alphaActor = 0
            configuration.alphaCritic = 0
            configuration.worldModel = WorldModelHyperparameters(preset: preset)
            mbpoReBRAC = configuration
        case .crl: crl = try .preset(preset, env: env)
        case .tdInfoNCE: tdInfoNCE = try .preset(preset, env: env)
        case .fb: fb = try .preset(preset, env: env)
        case .hilp: hilp = try .preset(preset, env: env)
        case .dinoReBRAC:
            // The reference README's DINO runs keep `dino_rebrac.py`'s penalties of 0 and set the
            // student temperature: 0.1 on locomotion (cheetah) and visual cube-single, 0.04 on
            // state manipulation (cube-single).
            var configuration = try ReBRACConfiguration.preset(preset, env: env)
            configuration.alphaActor = 0
            configuration.alphaCritic = 0
            var dino = DINOHyperparameters()
            let entry = try EnvironmentRegistry.entry(env)
            dino.studentTemperature = entry.manipulationFamily != nil && !entry.pixels ? 0.04 : 0.1
            if preset == .small { dino.encoderHidden = preset.hiddenSizes }
            configuration.dino = dino
            // On pixels DINO's two views are random crops of every batch and the critic and actor
            // read the uncropped images: the one setting in which the reference's visual DINO
            // runs (`p_aug=1`, `inplace_aug=0`, `num_aug=2`; with its README's in-place crops the
            // views it reads do not exist).
            configuration.encoder?.augmentationProbability = 0
            dinoReBRAC = configuration
        }
        let visual = try EnvironmentRegistry.entry(env).pixels
        let pixelAgents = "infom (or " + Self.pixelKinds.dropFirst().map(\.rawValue).joined(separator: ", ") + ")"
        if visual, !Self.pixelKinds.contains(kind) {
            throw TrainingError.mismatch("the \(kind.rawValue) agent trains on state observations only; use --agent \(pixelAgents) for \(env)")
        }
        self.observationSize = observationSize
        switch (shared?.encoder, pixels) {
        case (nil, nil):
            break
        case let (encoder?, pixels?):
            var seen = pixels
            seen.frameStack = encoder.frameStack
            self.pixels = seen
            self.observationSize = seen.size
        case (_?, nil):
            throw TrainingError.mismatch("\(env) is a visual task, but the data holds state observations; collect pixel data with `infom collect --env \(env)`, or train on \(EnvironmentRegistry.stateID(of: env))")
        case (nil, _?):
            throw TrainingError.mismatch(Self.pixelKinds.contains(kind)
                ? ((try? EnvironmentRegistry.entry("visual-" + env)) != nil
                    ? "the data holds pixel observations, but \(env) is a state task; train on visual-\(env)"
                    : "the data holds pixel observations, but \(env) is a state task and has no visual- form; train on state data of \(env)")
                : "the \(kind.rawValue) agent trains on state observations only; use --agent \(pixelAgents) for pixel data")
        }
    }

    /// The agents that train on pixel observations: InFOM and the baselines the reference's
    /// README trains on its visual tasks.
    public static let pixelKinds: [Kind] = [.infom, .dinoReBRAC, .crl, .fb]

    /// The hyperparameters every agent has, of the agent described.
    public var shared: SharedHyperparameters? {
        infom?.shared ?? iql?.shared ?? rebrac?.shared ?? mbpoReBRAC?.shared ?? crl?.shared ?? tdInfoNCE?.shared ?? fb?.shared
            ?? hilp?.shared ?? dinoReBRAC?.shared
    }

    /// Updates per batch of this many transitions.
    public var batchSize: Int { shared?.batchSize ?? 256 }

    /// A freshly initialised agent.
    public func make(seed: UInt64) -> any OfflineAgent {
        switch kind {
        case .infom: return InFOMAgent(observationSize: observationSize, imageShape: pixels?.imageShape,
                                       actionSize: actionSize, configuration: infom!, seed: seed)
        case .iql: return IQLAgent(observationSize: observationSize, actionSize: actionSize, configuration: iql!, seed: seed)
        case .rebrac: return ReBRACAgent(observationSize: observationSize, actionSize: actionSize, configuration: rebrac!, seed: seed)
        case .mbpoReBRAC:
            return ReBRACAgent(observationSize: observationSize, actionSize: actionSize, configuration: mbpoReBRAC!, seed: seed)
        case .crl:
            return CRLAgent(observationSize: observationSize, imageShape: pixels?.imageShape, actionSize: actionSize,
                            configuration: crl!, seed: seed)
        case .tdInfoNCE:
            return TDInfoNCEAgent(observationSize: observationSize, actionSize: actionSize, configuration: tdInfoNCE!, seed: seed)
        case .fb:
            return FBAgent(observationSize: observationSize, imageShape: pixels?.imageShape, actionSize: actionSize,
                           configuration: fb!, seed: seed)
        case .hilp: return HILPAgent(observationSize: observationSize, actionSize: actionSize, configuration: hilp!, seed: seed)
        case .dinoReBRAC:
            return ReBRACAgent(observationSize: observationSize, imageShape: pixels?.imageShape, actionSize: actionSize,
                               configuration: dinoReBRAC!, seed: seed)
        }
    }
}
