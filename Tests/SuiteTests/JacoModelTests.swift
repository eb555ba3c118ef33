import ArrayFiles
import Foundation
import MuJoCo
import Suite
import TestSupport
import XCTest

/// Our Jaco model (Assets/jaco/jaco.xml) against the reference's environment, dm_control 1.0.7's
/// composer Jaco on MuJoCo 2.2.2 (fixtures from datasets-tools/jaco_facts.py): the compiled sizes,
/// every body's mass, the joints' damping and limits and the velocity actuators' gains are the reference's,
/// and forward kinematics puts the tool-centre point (the pinch site) where dm_control does.
final class JacoModelTests: XCTestCase {
    var model: Model!
    var facts: [String: Any]!

    override func setUpWithError() throws {
        model = try Model(contentsOf: "\(AssetLocator.root)/jaco/jaco.xml")
        let data = try Data(contentsOf: URL(fileURLWithPath: "\(RepositoryPaths.root)/Tests/SuiteTests/Fixtures/jaco_facts.json"))
        facts = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func list(_ key: String) throws -> [[String: Any]] { try XCTUnwrap(facts[key] as? [[String: Any]], key) }

    func testTheModelCompilesToTheReferencesSizesMassesDampingAndActuators() throws {
        let sizes = try XCTUnwrap(facts["sizes"] as? [String: Int])
        XCTAssertEqual([model.nq, model.nv, model.nu, model.nbody, model.njnt], [9, 9, 9, 17, 9])
        XCTAssertEqual(model.nbody, sizes["nbody"])
        XCTAssertEqual(model.timestep, 0.002)
        XCTAssertEqual(Array(model.bodyMass), try list("bodies").map { try XCTUnwrap($0["mass"] as? Double) })
        XCTAssertEqual(Array(model.dofDamping), try list("joints").map { try XCTUnwrap($0["damping"] as? Double) })
        for (joint, expected) in zip(model.objects(Joint.self), try list("joints")) {
            let limited = try XCTUnwrap(expected["limited"] as? Bool), range = try XCTUnwrap(expected["range"] as? [Double])
            XCTAssertEqual(joint.range.map { [$0.lowerBound, $0.upperBound] }, limited ? range : nil, joint.name)
        }
        let actuators = try list("actuators")
        let gains = Array(model.actuatorGainParameters), biases = Array(model.actuatorBiasParameters)
        let gainStride = gains.count / model.nu, biasStride = biases.count / model.nu
        for (index, actuator) in actuators.enumerated() {
            XCTAssertEqual(Array(gains[(index * gainStride)..<(index * gainStride + 3)]), actuator["gain"] as? [Double], "\(index)")
            XCTAssertEqual(Array(biases[(index * biasStride)..<(index * biasStride + 3)]), actuator["bias"] as? [Double], "\(index)")
        }
    }

    /// 1,000 joint configurations drawn over the joints' ranges: the pinch site's position agrees
    /// within 1e-9 m and its orientation within 1e-9 (measured: 4.4e-16 m and 1.1e-15). Moving one
    /// body by 0.1 µm fails it.
    func testForwardKinematicsPutsTheToolCentrePointWhereDmControlDoes() throws {
        let fixture = try NPZArchive(path: "\(RepositoryPaths.root)/Tests/SuiteTests/Fixtures/jaco_kinematics.npz")
        let qpos = try fixture.array("qpos", as: Double.self)
        let tcp = try fixture.array("tcp", as: Double.self), rotation = try fixture.array("tcp_xmat", as: Double.self)
        let simulation = try Simulation(model: model)
        let site = try model.site("pinchsite")
        var positionError = 0.0, rotationError = 0.0
        let configurations = qpos.count / model.nq
        XCTAssertEqual(configurations, 1000)
        for row in 0..<configurations {
            for k in 0..<model.nq { simulation.qpos[k] = qpos[row * model.nq + k] }
            try simulation.forward()
            let position = simulation.position(of: site), orientation = simulation.orientation(of: site).rowMajor
            for axis in 0..<3 { positionError = max(positionError, abs(position[axis] - tcp[row * 3 + axis])) }
            for entry in 0..<9 { rotationError = max(rotationError, abs(orientation[entry] - rotation[row * 9 + entry])) }
        }
        XCTAssertLessThanOrEqual(positionError, 1e-9)
        XCTAssertLessThanOrEqual(rotationError, 1e-9)
    }
}
