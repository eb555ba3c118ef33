/// A policy that learns from the episodes it collects (URLB's exploration agents, such as the
/// RND explorer of `Agents`), as an ``ExplorationCollector`` drives it: it acts on state
/// observations, learns from every finished episode, and saves and restores its whole state so
/// that an interrupted collection resumes exactly.
public protocol EpisodeExplorer: AnyObject {
    /// The action for the state `observation`; `countsStep` is false on an episode's last row,
    /// whose action is recorded but never applied.
    func action(for observation: [Float], countsStep: Bool) -> [Float]
    /// Adds a finished episode (`rows` observations and actions, row after row) to what it learns from.
    func remember(observations: [Float], actions: [Float], rows: Int)
    /// Writes the whole state into the folder `path`, with `metadata` beside it.
    func save(to path: String, metadata: [String: String]) throws
    /// Restores a state written by ``save(to:metadata:)``; returns its metadata.
    @discardableResult
    func load(from path: String) throws -> [String: String]
}
