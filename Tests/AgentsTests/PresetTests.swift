import Agents
import XCTest

/// The `paper` preset's per-domain values (the reference README's table, spec §4.2), read from
/// the registry entry's domain, and the error for a domain the reference gives none for.
final class PresetTests: XCTestCase {
    func testEachDomainGetsTheReferenceValues() throws {
        let table: [(String, Int, Float, Float, Float)] = [
            ("cheetah_run", 128, 0.05, 0.9, 0.3), ("walker_walk", 512, 0.1, 0.9, 0.3), ("quadruped_jump", 512, 0.005, 0.9, 0.3),
            ("cube-single-singletask-task1-v0", 512, 0.05, 0.95, 30), ("visual-cube-single-singletask-task1-v0", 512, 0.025, 0.95, 30),
            ("cube-double-singletask-task2-v0", 128, 0.025, 0.9, 30), ("visual-cube-double-singletask-task2-v0", 128, 0.01, 0.9, 30),
            ("scene-singletask-task3-v0", 128, 0.2, 0.99, 300), ("visual-scene-singletask-task3-v0", 128, 0.1, 0.99, 300),
            ("puzzle-4x4-singletask-task4-v0", 128, 0.1, 0.95, 300), ("puzzle-3x3-singletask-task1-v0", 128, 0.1, 0.95, 300),
        ]
        for (env, latent, kl, expectile, alpha) in table {
            let paper = try InFOMConfiguration.preset(.paper, env: env)
            XCTAssertEqual(paper.latentSize, latent, env)
            XCTAssertEqual(paper.klWeight, kl, env)
            XCTAssertEqual(paper.expectile, expectile, env)
            XCTAssertEqual(paper.alpha, alpha, env)
        }
        XCTAssertEqual(try ReBRACConfiguration.preset(.paper, env: "scene-singletask-task1-v0").alphaActor, 1)
        XCTAssertEqual(try ReBRACConfiguration.preset(.paper, env: "walker_run").alphaActor, 0.1)
    }

    func testADomainWithoutReferenceValuesIsAnError() {
        XCTAssertThrowsError(try InFOMConfiguration.preset(.small, env: "cube-triple-singletask-task1-v0")) { error in
            XCTAssertTrue("\(error)".contains("the InFOM reference gives no hyperparameters for domain cube-triple"), "\(error)")
        }
        XCTAssertThrowsError(try InFOMConfiguration.preset(.small, env: "cheetah_sprint")) { error in
            XCTAssertTrue("\(error)".contains("unknown env ID 'cheetah_sprint'"), "\(error)")
        }
    }
}
