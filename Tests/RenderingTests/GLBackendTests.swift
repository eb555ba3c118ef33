import Rendering
import XCTest

final class GLBackendTests: XCTestCase {
    func withMUJOCO_GL(_ value: String?, _ body: () throws -> Void) rethrows {
        let saved = ProcessInfo.processInfo.environment["MUJOCO_GL"]
        if let value { setenv("MUJOCO_GL", value, 1) } else { unsetenv("MUJOCO_GL") }
        defer { if let saved { setenv("MUJOCO_GL", saved, 1) } else { unsetenv("MUJOCO_GL") } }
        try body()
    }

    func testBackendFollowsMUJOCO_GL() throws {
        try withMUJOCO_GL(nil) { XCTAssertEqual(try GLBackend.fromEnvironment(), .egl) }
        try withMUJOCO_GL("osmesa") { XCTAssertEqual(try GLBackend.fromEnvironment(), .osmesa) }
        try withMUJOCO_GL("EGL") { XCTAssertEqual(try GLBackend.fromEnvironment(), .egl) }
        try withMUJOCO_GL("glfw") {
            XCTAssertThrowsError(try GLBackend.fromEnvironment()) { error in
                XCTAssertTrue("\(error)".contains("MUJOCO_GL=egl"), "\(error)")
            }
        }
    }
}
