/// The arrays of a dataset file, in OGBench's flat layout: one row per time step, episodes one
/// after another, `terminals` = 1 on each episode's last row. Row t holds the observation and
/// physics state before action t (the last row's action is the one the policy chose there,
/// never applied).
public enum DatasetKeys {
    /// float32 [N, D], or uint8 [N, H, W, 3] for pixels.
    public static let observations = "observations"
    /// float32 [N, A].
    public static let actions = "actions"
    /// float32 [N]: 1 on the last row of each episode.
    public static let terminals = "terminals"
    /// float32 [N, nq] and [N, nv], as OGBench stores them.
    public static let qpos = "qpos", qvel = "qvel"
    /// float64 [N, nq + nv + na]: qpos ‖ qvel ‖ act, ExORL's `physics`.
    public static let physics = "physics"
    /// int64 [N, #buttons] (OGBench scene and puzzle).
    public static let buttonStates = "button_states"
    /// float32 [N], written by relabeling.
    public static let rewards = "rewards", masks = "masks"
    /// float32 [N], written by `infom replay`: 1 where the state satisfies the environment's
    /// task (its step info's `success`).
    public static let success = "success"
    /// The JSON entry that describes the file (``DatasetMetadata``).
    public static let metadataFile = "metadata.json"
}
