import Foundation

/// Lets a test kill the process at a named point of a long job, to check that an interruption
/// there loses nothing: when the environment variable `INFOM_TEST_KILL_AT` equals the point's
/// name, the process sends itself SIGKILL there. Without the variable it does nothing.
public enum TestHook {
    private static let point = ProcessInfo.processInfo.environment["INFOM_TEST_KILL_AT"]

    /// Kills the process if the test asked to stop at `name`.
    public static func stop(at name: String) {
        if point == name { kill(getpid(), SIGKILL) }
    }
}
