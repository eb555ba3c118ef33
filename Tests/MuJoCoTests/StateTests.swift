import MuJoCo
import TestSupport
import XCTest

/// Save, continue, restore, continue again: the two continuations are bit-identical.
final class StateTests: XCTestCase {
    /// Contacts, friction, actuators with activation and a mocap body: all parts of the state matter.
    static let xml = """
        <mujoco>
          <option timestep="0.005"/>
          <worldbody>
            <geom name="floor" type="plane" size="5 5 0.1"/>
            <body name="target" mocap="true" pos="0 0 2"><geom type="sphere" size="0.05" contype="0" conaffinity="0"/></body>
            <body name="box" pos="0 0 0.3">
              <freejoint/>
              <geom type="box" size="0.1 0.1 0.1" mass="1" friction="0.8 0.01 0.001"/>
              <body name="arm" pos="0 0 0.1">
                <joint name="swing" type="hinge" axis="1 0 0"/>
                <geom type="capsule" fromto="0 0 0 0 0 0.3" size="0.03" mass="0.3"/>
              </body>
            </body>
          </worldbody>
          <actuator>
            <general name="muscle_like" joint="swing" dyntype="filter" dynprm="0.05" gainprm="0.3"/>
          </actuator>
        </mujoco>
        """

    func run(_ simulation: Simulation, steps: Int, from start: Int) throws {
        for k in start..<(start + steps) {
            simulation.ctrl[0] = sin(Double(k) * 0.05)
            try simulation.step()
        }
    }

    func testRestoreReproducesTheContinuationBitForBit() throws {
        let model = try Model(xml: Self.xml)
        let simulation = try Simulation(model: model)
        simulation.mocapPos[2] = 1.5
        simulation.xfrcApplied[6 * 2 + 0] = 0.4
        try run(simulation, steps: 300, from: 0)
        let saved = simulation.state
        XCTAssertGreaterThan(simulation.contacts.count, 0, "the scene should be in contact when saved")
        XCTAssertNotEqual(saved.act[0], 0)

        try run(simulation, steps: 200, from: 300)
        let first = simulation.state

        try simulation.restore(saved)
        XCTAssertTrue(simulation.state.isBitIdentical(to: saved))
        try run(simulation, steps: 200, from: 300)
        let second = simulation.state

        XCTAssertTrue(first.isBitIdentical(to: second))
        XCTAssertFalse(first.isBitIdentical(to: saved))
    }

    func testStateMovesBetweenSimulations() throws {
        let model = try Model(xml: Self.xml)
        let a = try Simulation(model: model), b = try Simulation(model: model)
        try run(a, steps: 100, from: 0)
        try b.restore(a.state)
        try run(a, steps: 50, from: 100)
        try run(b, steps: 50, from: 100)
        XCTAssertTrue(a.state.isBitIdentical(to: b.state))
    }

    func testRestoringAStateOfAnotherModelFails() throws {
        let other = try Simulation(model: try Model(xml: FreeFallTests.ball(integrator: "Euler")))
        let simulation = try Simulation(model: try Model(xml: Self.xml))
        XCTAssertThrowsError(try simulation.restore(other.state)) { error in
            XCTAssertTrue("\(error)".contains("state.qpos has 7 values but the model needs 8"), "\(error)")
        }
    }

    func testResetAndKeyframes() throws {
        let model = try Model(xml: """
            <mujoco>
              <worldbody><body><joint name="j" type="slide"/><geom size="0.1" mass="1"/></body></worldbody>
              <keyframe><key name="raised" qpos="0.7" qvel="0.1"/></keyframe>
            </mujoco>
            """)
        let simulation = try Simulation(model: model)
        try simulation.reset(keyframe: "raised")
        XCTAssertEqual(simulation.qpos[0], 0.7)
        XCTAssertEqual(simulation.qvel[0], 0.1)
        try simulation.step()
        XCTAssertGreaterThan(simulation.time, 0)
        simulation.reset()
        XCTAssertEqual(simulation.qpos[0], 0)
        XCTAssertEqual(simulation.time, 0)
        XCTAssertThrowsError(try simulation.reset(keyframe: 3))
        XCTAssertThrowsError(try simulation.reset(keyframe: "lowered"))
    }
}
