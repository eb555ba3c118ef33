import MuJoCo
import TestSupport
import XCTest

/// MuJoCo's silent warnings surface as errors; split stepping matches mj_step.
final class SimulationErrorTests: XCTestCase {
    func testNaNControlIsAnError() throws {
        let model = try Model(xml: """
            <mujoco><worldbody><body><joint name="j" type="hinge"/><geom size="0.1" mass="1"/></body></worldbody>
            <actuator><motor joint="j"/></actuator></mujoco>
            """)
        let simulation = try Simulation(model: model)
        simulation.ctrl[0] = .nan
        XCTAssertThrowsError(try simulation.step()) { error in
            guard case let .unstable(quantity, index, _) = error as? SimulationError else {
                return XCTFail("unexpected error \(error)")
            }
            XCTAssertEqual(quantity, "ctrl")
            XCTAssertEqual(index, 0)
        }
    }

    func testDivergingVelocityIsAnErrorAndTheStateWasReset() throws {
        let model = try Model(xml: FreeFallTests.ball(integrator: "Euler"))
        let simulation = try Simulation(model: model)
        for _ in 0..<10 { try simulation.step() }
        simulation.qvel[0] = 1e12
        XCTAssertThrowsError(try simulation.step()) { error in
            guard case let .unstable(quantity, _, time) = error as? SimulationError else {
                return XCTFail("unexpected error \(error)")
            }
            XCTAssertEqual(quantity, "qvel")
            XCTAssertEqual(time, 0.01, accuracy: 1e-12)
            XCTAssertTrue("\(error)".contains("unstable"), "\(error)")
        }
        XCTAssertEqual(simulation.qvel[0], 0, "MuJoCo resets the data after bad numbers")
    }

    func testFullContactBufferIsAnError() throws {
        let model = try Model(xml: """
            <mujoco>
              <size nconmax="2"/>
              <worldbody>
                <geom type="plane" size="5 5 0.1"/>
                <body pos="0 0 0.09"><freejoint/><geom type="box" size="0.1 0.1 0.1" mass="1"/></body>
              </worldbody>
            </mujoco>
            """)
        let simulation = try Simulation(model: model)
        XCTAssertThrowsError(try simulation.step()) { error in
            guard case .contactBufferFull = error as? SimulationError else {
                return XCTFail("unexpected error \(error)")
            }
        }
    }

    func testSplitStepEqualsStep() throws {
        let model = try Model(xml: StateTests.xml)
        let whole = try Simulation(model: model), split = try Simulation(model: model)
        for k in 0..<300 {
            let u = cos(Double(k) * 0.1)
            whole.ctrl[0] = u
            try whole.step()
            try split.step1()
            split.ctrl[0] = u
            try split.step2()
        }
        XCTAssertTrue(whole.state.isBitIdentical(to: split.state))
    }
}
