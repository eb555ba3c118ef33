import Learning

/// IQL's two fine-tuning graphs over ``IQLNetworks``, with and without the actor's update, and
/// optionally every row conditioned on one latent (the task latent of FB + IQL and HILP + IQL):
/// IQL's fine-tuning, and the fine-tuning of the two agents that end in IQL.
final class IQLFinetuning {
    let networks: IQLNetworks
    /// [without the actor, with the actor].
    private(set) var graphs: [BatchLossGraph] = []
    private var latentInputs: [Variable] = []
    private let batchSize: Int

    /// The graphs for batches of `batchSize`, rows conditioned on a latent of `latentSize` (0: none),
    /// metrics named under `names` (HILP's `skill_`).
    init(_ networks: IQLNetworks, batchSize b: Int, observationSize ds: Int, actionSize da: Int, latentSize d: Int = 0,
         trainable: [Parameter<Float>], expectile: Float, alpha: Float, discount: Float, names: String = "") {
        self.networks = networks
        batchSize = b
        for withActor in [false, true] {
            var terms: IQLNetworks.Terms?
            let graph = BatchLossGraph(batchSize: b, observationSize: ds, actionSize: da, trainable: trainable) { g, io in
                let latents = d > 0 ? g.input([b, d]) : nil
                if let latents { self.latentInputs.append(latents) }
                let batch = IQLNetworks.Batch(observations: io.observations, nextObservations: io.nextObservations,
                                              actions: io.actions, rewards: io.rewards, masks: io.masks, latents: latents)
                let step = networks.terms(g, batch, expectile: expectile, alpha: alpha, discount: discount, withActor: withActor,
                                          names: names)
                terms = step
                return (step.losses, step.metrics)
            }
            graph.valueMetrics = { [unowned graph] in
                networks.rangeMetrics(graph.graph, terms!, names: names, withActor: withActor)
            }
            graphs.append(graph)
        }
    }

    /// One update (with `update` false, the losses alone), with the actor when `fullUpdate`, every
    /// row at `latent` (empty without one), then the target critic's Polyak step.
    func step(_ batch: TransitionBatch, fullUpdate: Bool, latent: [Float] = [], optimizer: Adam<Float>, tau: Float,
              update: Bool = true) -> [String: Double] {
        let graph = graphs[fullUpdate ? 1 : 0]
        if !latentInputs.isEmpty {
            graph.graph.set(latentInputs[fullUpdate ? 1 : 0], Array(repeatElement(latent, count: batchSize).joined()))
        }
        return graph.step(batch, optimizer: optimizer, update: update) { self.networks.followCritic(tau: tau) }
    }
}
