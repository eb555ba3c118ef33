import CMuJoCo

/// Facts about the linked MuJoCo library and the process-wide hooks we install in it.
public enum MuJoCoLibrary {
    /// The version string of the linked library (`mj_versionString`), e.g. "2.2.2".
    public static var version: String { String(cString: mj_versionString()) }

    /// Routes MuJoCo's error and warning callbacks to our handlers (once per process), so that
    /// nothing is printed, no MUJOCO_LOG.TXT is written and no error exits the process.
    static func installHandlers() { _ = handlersInstalled }
}

private let handlersInstalled: Void = infom_mj_install_handlers()
