import MuJoCo
import TestSupport
import XCTest

/// Named, typed access agrees with how MuJoCo compiles and lays out the model.
final class NamedAccessTests: XCTestCase {
    static let xml = """
        <mujoco model="leg">
          <worldbody>
            <geom name="floor" type="plane" size="5 5 0.1"/>
            <camera name="fixed" pos="0 -3 1" xyaxes="1 0 0 0 0 1"/>
            <body name="torso" pos="0 0 1">
              <freejoint name="root"/>
              <geom name="torso_geom" type="box" size="0.2 0.1 0.1" mass="4"/>
              <site name="imu" pos="0 0 0.1"/>
              <camera name="tracking" mode="trackcom" pos="0 -2 0"/>
              <body name="thigh" pos="0 0 -0.2">
                <joint name="hip" type="hinge" axis="0 1 0" limited="true" range="-90 45"/>
                <geom name="thigh_geom" type="capsule" fromto="0 0 0 0 0 -0.3" size="0.05" mass="1"/>
                <body name="shin" pos="0 0 -0.3">
                  <joint name="knee" type="slide" axis="0 0 1" limited="true" range="-0.1 0.1"/>
                  <geom name="shin_geom" type="capsule" fromto="0 0 0 0 0 -0.3" size="0.04" mass="0.5"/>
                  <body name="foot" pos="0 0 -0.3">
                    <joint name="ankle" type="ball"/>
                    <geom name="foot_geom" type="sphere" size="0.05" mass="0.2"/>
                    <site name="toe" pos="0.05 0 0"/>
                  </body>
                </body>
              </body>
            </body>
          </worldbody>
          <tendon>
            <fixed name="coupling"><joint joint="hip" coef="1"/><joint joint="knee" coef="-2"/></fixed>
          </tendon>
          <actuator>
            <motor name="hip_motor" joint="hip" gear="50" ctrllimited="true" ctrlrange="-1 1"/>
            <position name="knee_servo" joint="knee" kp="100"/>
          </actuator>
          <sensor>
            <jointpos name="hip_angle" joint="hip"/>
            <framepos name="toe_pos" objtype="site" objname="toe"/>
            <accelerometer name="imu_acc" site="imu"/>
            <tendonpos name="coupling_len" tendon="coupling"/>
          </sensor>
        </mujoco>
        """

    var model: Model!
    var simulation: Simulation!

    override func setUpWithError() throws {
        model = try Model(xml: Self.xml)
        simulation = try Simulation(model: model)
    }

    func testDimensions() {
        XCTAssertEqual(model.nq, 7 + 1 + 1 + 4)
        XCTAssertEqual(model.nv, 6 + 1 + 1 + 3)
        XCTAssertEqual(model.nu, 2)
        XCTAssertEqual(model.nbody, 5)
        XCTAssertEqual(model.njnt, 4)
        XCTAssertEqual(model.ngeom, 5)
        XCTAssertEqual(model.nsite, 2)
        XCTAssertEqual(model.ncam, 2)
        XCTAssertEqual(model.nsensor, 4)
        XCTAssertEqual(model.nsensordata, 1 + 3 + 3 + 1)
        XCTAssertEqual(model.ntendon, 1)
    }

    func testIdsFollowDeclarationOrder() throws {
        XCTAssertEqual(model.names(of: .body), ["world", "torso", "thigh", "shin", "foot"])
        XCTAssertEqual(try model.body("shin").id, 3)
        XCTAssertEqual(try model.body("shin").parentID, 2)
        XCTAssertEqual(try model.body("foot").rootID, 1)
        XCTAssertEqual(try model.body("torso").mass, 4, accuracy: 1e-12)
        XCTAssertEqual(try model.geom("thigh_geom").id, 2)
        XCTAssertEqual(try model.geom("thigh_geom").bodyID, 2)
        XCTAssertEqual(try model.geom("floor").kind, .plane)
        XCTAssertEqual(try model.site("toe").id, 1)
        XCTAssertEqual(try model.site("toe").bodyID, 4)
        XCTAssertEqual(try model.camera("tracking").id, 1)
        XCTAssertEqual(try model.camera("tracking").bodyID, 1)
        XCTAssertEqual(try model.actuator("knee_servo").id, 1)
        XCTAssertEqual(try model.tendon("coupling").id, 0)
        XCTAssertEqual(model.id(of: .sensor, named: "imu_acc"), 2)
        XCTAssertNil(model.id(of: .body, named: "tail"))
        XCTAssertEqual(model.name(of: .joint, id: 3), "ankle")
    }

    func testJointAddresses() throws {
        let root = try model.joint("root"), hip = try model.joint("hip")
        let knee = try model.joint("knee"), ankle = try model.joint("ankle")
        XCTAssertEqual(root.kind, .free)
        XCTAssertEqual(root.qposRange, 0..<7)
        XCTAssertEqual(root.dofRange, 0..<6)
        XCTAssertEqual(hip.kind, .hinge)
        XCTAssertEqual(hip.qposRange, 7..<8)
        XCTAssertEqual(hip.dofRange, 6..<7)
        XCTAssertEqual(knee.qposRange, 8..<9)
        XCTAssertEqual(ankle.kind, .ball)
        XCTAssertEqual(ankle.qposRange, 9..<13)
        XCTAssertEqual(ankle.dofRange, 8..<11)
        XCTAssertNil(root.range)
        // Ranges in degrees in the XML are compiled to radians.
        XCTAssertEqual(hip.range!.lowerBound, -Double.pi / 2, accuracy: 1e-12)
        XCTAssertEqual(hip.range!.upperBound, Double.pi / 4, accuracy: 1e-12)
        XCTAssertEqual(knee.range, -0.1...0.1)
    }

    func testSensorSlicesAndActuators() throws {
        let sensors = model.objects(Sensor.self)
        XCTAssertEqual(sensors.map(\.name), ["hip_angle", "toe_pos", "imu_acc", "coupling_len"])
        XCTAssertEqual(sensors.map(\.address), [0, 1, 4, 7])
        XCTAssertEqual(sensors.map(\.dimension), [1, 3, 3, 1])
        let motor = try model.actuator("hip_motor")
        XCTAssertEqual(motor.controlRange, -1...1)
        XCTAssertEqual(motor.gear, 50)
        XCTAssertEqual(motor.targetID, try model.joint("hip").id)
        XCTAssertNil(try model.actuator("knee_servo").controlRange)
    }

    func testViewsReadAndWriteTheSimulation() throws {
        let hip = try model.joint("hip"), knee = try model.joint("knee")
        simulation.qpos(of: hip)[0] = 0.3
        simulation.qpos(of: knee)[0] = 0.05
        try simulation.forward()
        XCTAssertEqual(simulation.qpos[7], 0.3)
        XCTAssertEqual(simulation.reading(of: try model.sensor("hip_angle"))[0], 0.3, accuracy: 1e-12)
        // Tendon length is hip - 2·knee.
        XCTAssertEqual(simulation.length(of: try model.tendon("coupling")), 0.3 - 0.1, accuracy: 1e-12)
        XCTAssertEqual(simulation.reading(of: try model.sensor("coupling_len"))[0], 0.2, accuracy: 1e-12)
        // The toe sensor reads the toe site's world position.
        let toe = simulation.position(of: try model.site("toe"))
        let reading = simulation.reading(of: try model.sensor("toe_pos"))
        assertClose(SIMD3(reading[0], reading[1], reading[2]), toe, tolerance: 1e-12)
        // The torso sits where the free joint puts it.
        assertClose(simulation.position(of: try model.body("torso")), SIMD3(0, 0, 1), tolerance: 1e-12)
        let upright = simulation.orientation(of: try model.body("torso"))
        XCTAssertEqual(upright[2, 2], 1, accuracy: 1e-12)
    }

    func testSubtreeQuantities() throws {
        let torso = try model.body("torso"), root = try model.joint("root")
        simulation.qvel(of: root)[0] = 2.0  // the whole subtree moves along x at 2 m/s
        try simulation.forward()
        simulation.computeSubtreeVelocities()
        assertClose(simulation.subtreeLinearVelocity(of: torso), SIMD3(2, 0, 0), tolerance: 1e-9)
        let masses = [4.0, 1, 0.5, 0.2]
        let bodies = try ["torso", "thigh", "shin", "foot"].map { try model.body($0) }
        var com = SIMD3<Double>()
        for (m, body) in zip(masses, bodies) { com += m * simulation.centerOfMass(of: body) }
        assertClose(simulation.subtreeCenterOfMass(of: torso), com / masses.reduce(0, +), tolerance: 1e-9)
    }

    func testUnknownNameListsTheAvailableOnes() {
        XCTAssertThrowsError(try model.joint("elbow")) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("no joint named 'elbow'"), text)
            XCTAssertTrue(text.contains("hip"), text)
        }
        XCTAssertThrowsError(try model.object(Body.self, id: 9)) { error in
            XCTAssertEqual(error as? MuJoCoError, .indexOutOfRange(type: .body, index: 9, count: 5))
        }
    }
}
