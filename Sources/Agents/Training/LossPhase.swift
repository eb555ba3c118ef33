/// Which loss a goal-conditioned baseline's graph computes: pre-training, or fine-tuning with or
/// without the actor's update.
enum LossPhase {
    case pretraining
    case finetuning(withActor: Bool)

    var isPretraining: Bool {
        if case .pretraining = self { return true }
        return false
    }
}
