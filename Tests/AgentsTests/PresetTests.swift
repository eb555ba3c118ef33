import Agents
import Foundation
import XCTest

/// The `paper` preset's per-domain values (the reference README's table, spec §4.2), read from
/// the registry entry's domain, and the error for a domain the reference gives none for.
final class PresetTests: XCTestCase {
    func testEachDomainGetsTheReferenceValues() throws {
        let table: [(String, Int, Float, Float, Float)] = [
            ("cheetah_run", 128, 0.05, 0.9, 0.3), ("walker_walk", 512, 0.1, 0.9, 0.3), ("quadruped_jump", 512, 0.005, 0.9, 0.3),
            ("jaco_reach_top_left", 512, 0.2, 0.9, 0.1), ("visual-jaco_reach_bottom_right", 512, 0.2, 0.9, 0.1),
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
        XCTAssertNil(try ReBRACConfiguration.preset(.paper, env: "walker_run").worldModel)
        // MBPO + ReBRAC: the reference README's runs keep mbpo_rebrac.py's penalties of 0.
        let mbpo = try XCTUnwrap(try AgentDescription(kind: .mbpoReBRAC, preset: .paper, env: "cube-single-singletask-task1-v0",
                                                      observationSize: 28, actionSize: 5).mbpoReBRAC)
        XCTAssertEqual(mbpo.alphaActor, 0)
        XCTAssertEqual(mbpo.alphaCritic, 0)
        XCTAssertEqual(mbpo.worldModel, WorldModelHyperparameters(preset: .paper))
        XCTAssertEqual(mbpo.worldModel?.transitionHidden, [512, 512, 512, 512])
    }

    func testADomainWithoutReferenceValuesIsAnError() {
        XCTAssertThrowsError(try InFOMConfiguration.preset(.small, env: "cube-triple-singletask-task1-v0")) { error in
            XCTAssertTrue("\(error)".contains("the InFOM reference gives no hyperparameters for domain cube-triple"), "\(error)")
        }
        XCTAssertThrowsError(try InFOMConfiguration.preset(.small, env: "cheetah_sprint")) { error in
            XCTAssertTrue("\(error)".contains("unknown env ID 'cheetah_sprint'"), "\(error)")
        }
    }

    /// Shared and agent-specific hyperparameters are one flat object in `agent.json`, as written
    /// before they were split: a file of that layout reads, and writes back byte for byte.
    func testConfigurationsKeepTheFlatAgentJSONLayout() throws {
        let written = """
            {"actorFrequency":4,"actorHidden":[256,256],"alpha":1,"batchSize":64,"discount":0.99,\
            "expectile":0.7,"learningRate":0.0003,"tau":0.005,"valueHidden":[256,256]}
            """
        let config = try JSONDecoder().decode(IQLConfiguration.self, from: Data(written.utf8))
        XCTAssertEqual(config.batchSize, 64)
        XCTAssertEqual(config.shared.batchSize, 64)
        XCTAssertEqual(config.expectile, 0.7)
        XCTAssertEqual(config.actorHidden, [256, 256])
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        XCTAssertEqual(String(decoding: try encoder.encode(config), as: UTF8.self), written)
        var rebrac = try ReBRACConfiguration.preset(.small, env: "cube-single-singletask-task1-v0")
        rebrac.tau = 0.01
        XCTAssertEqual(rebrac.shared.tau, 0.01)
        XCTAssertEqual(rebrac.valueHidden, AgentPreset.small.hiddenSizes)
        XCTAssertEqual(rebrac.alphaCritic, 1)
    }
}
