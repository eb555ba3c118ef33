import MuJoCo
import TestSupport
import XCTest

/// Known physics: a body with no contacts falls by g·t²/2.
final class FreeFallTests: XCTestCase {
    static func ball(integrator: String) -> String {
        """
        <mujoco>
          <option timestep="0.001" integrator="\(integrator)" gravity="0 0 -9.81"/>
          <worldbody>
            <body name="ball" pos="0 0 10">
              <freejoint name="free"/>
              <geom type="sphere" size="0.1" mass="2" contype="0" conaffinity="0"/>
            </body>
          </worldbody>
        </mujoco>
        """
    }

    func testRK4FallMatchesClosedForm() throws {
        let model = try Model(xml: Self.ball(integrator: "RK4"))
        let simulation = try Simulation(model: model)
        let ball = try model.body("ball")
        try simulation.forward()
        for _ in 0..<1000 { try simulation.step() }
        try simulation.forward()
        let t = simulation.time
        assertClose(t, 1.0, tolerance: 1e-12)
        let g = 9.81
        assertClose(simulation.position(of: ball).z, 10 - g * t * t / 2, tolerance: 1e-6)
        assertClose(simulation.position(of: ball).x, 0, tolerance: 1e-12)
        let joint = try model.joint("free")
        assertClose(simulation.qvel(of: joint)[2], -g * t, tolerance: 1e-6)
    }

    func testSemiImplicitEulerFallMatchesItsDiscreteSolution() throws {
        let model = try Model(xml: Self.ball(integrator: "Euler"))
        let simulation = try Simulation(model: model)
        let joint = try model.joint("free")
        let n = 500
        for _ in 0..<n { try simulation.step() }
        // v_k = -g h k, z_n = z_0 - g h² n(n+1)/2 for semi-implicit Euler.
        let h = model.timestep, g = 9.81
        assertClose(simulation.qpos(of: joint)[2], 10 - g * h * h * Double(n * (n + 1)) / 2, tolerance: 1e-9)
        assertClose(simulation.qvel(of: joint)[2], -g * h * Double(n), tolerance: 1e-9)
    }

    func testRestingBoxContactForceEqualsWeight() throws {
        let model = try Model(xml: """
            <mujoco>
              <worldbody>
                <geom name="floor" type="plane" size="5 5 0.1"/>
                <body name="box" pos="0 0 0.1">
                  <freejoint/>
                  <geom name="box" type="box" size="0.1 0.1 0.1" mass="3"/>
                </body>
              </worldbody>
            </mujoco>
            """)
        let simulation = try Simulation(model: model)
        for _ in 0..<2000 { try simulation.step() }
        let floor = try model.geom("floor"), box = try model.geom("box")
        XCTAssertTrue(simulation.contacts.touching(floor.id, box.id))
        let normalForce = simulation.contacts.map(\.force.x).reduce(0, +)
        assertClose(normalForce, 3 * 9.81, tolerance: 1e-3)
        assertClose(simulation.position(of: try model.body("box")).z, 0.1, tolerance: 5e-3)
    }
}
