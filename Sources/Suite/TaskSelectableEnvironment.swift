/// An environment whose evaluation task is chosen per episode (OGBench's goal-conditioned
/// manipulation ids offer five) or fixed (single-task ids): what evaluation, training and the
/// command line ask of it without knowing its type.
public protocol TaskSelectableEnvironment: AnyObject {
    /// The evaluation tasks a reset can choose from, 1…count; 0 when the task is fixed.
    var selectableTaskCount: Int { get }
    /// The task the next reset uses (1-based); nil lets the environment draw one.
    var taskID: Int? { get set }
    /// The task of the current episode.
    var currentTask: Int { get }
}
