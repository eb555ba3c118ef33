import Rendering
import Suite
import XCTest

/// The standard look of observation frames (no multisampling, a shadow map sized to the frame)
/// stays within 2 grey levels, on average, of MuJoCo's defaults (4× multisampling, a 4096² shadow
/// map: every frame's look before the renderer was made cheaper), on a fixed visual cube-single
/// scene, while the fast look does not.
final class ObservationLookTests: XCTestCase {
    /// Mean absolute difference in grey levels between the frames `options` and MuJoCo's defaults
    /// draw of the same 20 states (a reset with seed 3, then fixed actions).
    func meanDifference(_ options: RenderOptions) throws -> Double {
        let env = try EnvironmentRegistry.make("visual-cube-single-v0", seed: 3)
        let look = try OffscreenRenderer(model: env.simulation.model, width: 64, height: 64, options: options)
        let mujoco = try OffscreenRenderer(model: env.simulation.model, width: 64, height: 64,
                                           options: RenderOptions(shadowMapSize: 4096))
        _ = try env.reset(seed: 3)
        var total = 0.0, count = 0
        for step in 0..<20 {
            if step > 0 { _ = try env.step([0.4, -0.3, -0.5, 0.2, step < 10 ? -1 : 1]) }
            let a = try look.render(env.simulation, camera: env.defaultCamera).pixels
            let b = try mujoco.render(env.simulation, camera: env.defaultCamera).pixels
            XCTAssertGreaterThan(Set(b).count, 50, "the scene is drawn")
            for i in a.indices { total += abs(Double(a[i]) - Double(b[i])) }
            count += a.count
        }
        return total / Double(count)
    }

    func testStandardObservationLookStaysWithinTwoGreyLevelsOfMuJoCosDefaults() throws {
        let standard = try meanDifference(.standardObservation)
        XCTAssertLessThan(standard, 2, "standard observation look: \(standard) grey levels from MuJoCo's defaults")
        let shadowMapOnly = try meanDifference(.standard)
        XCTAssertLessThan(shadowMapOnly, 0.5, "a 256² shadow map alone: \(shadowMapOnly)")
        let fast = try meanDifference(.fast)
        XCTAssertGreaterThan(fast, 2, "the fast look is another look: \(fast)")
        XCTAssertEqual(RenderOptions.standard.shadowMapSize(width: 64, height: 64), 256)
        XCTAssertEqual(RenderOptions.standard.shadowMapSize(width: 640, height: 480), 2560)
        XCTAssertEqual(RenderOptions.standard.shadowMapSize(width: 2048, height: 2048), 4096)
    }
}
