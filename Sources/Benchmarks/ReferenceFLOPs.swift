import Agents

/// The reference's matrix-product FLOPs per update (spec infom.md §7.1–7.2): 2·MACs forward,
/// backward twice forward; fine-tuning averaged over the actor's 1-in-4 updates.
public struct ReferenceFLOPs {
    public let pretrain: Double
    public let finetune: Double

    public init(config c: InFOMConfiguration, observationSize ds: Int, actionSize da: Int) {
        func mlp(_ input: Int, _ hidden: [Int], _ output: Int) -> Double {
            let sizes = [input] + hidden + [output]
            return 2 * Double(zip(sizes, sizes.dropFirst()).map { $0 * $1 }.reduce(0, +))
        }
        let l = c.latentSize, b = Double(c.batchSize), n = Double(c.flowGoals), k = Double(c.flowSteps)
        let vectorField = mlp(2 * ds + 1 + da + l, c.valueHidden, ds)
        let intention = mlp(ds + da, c.intentionHidden, 0) + 2 * Double(c.intentionHidden.last! * l) * 2
        let actor = mlp(ds, c.actorHidden, da)
        let reward = mlp(ds, c.rewardHidden, 1)
        let critic = 2 * mlp(ds + da, c.valueHidden, 1)
        let flow = 3 * intention + 3 * vectorField + k * vectorField + vectorField + 3 * vectorField
        pretrain = b * (flow + 3 * actor)
        finetune = b * (3 * reward + n * k * vectorField + n * reward + 3 * critic + flow + (3 * actor + critic) / 4)
    }
}
