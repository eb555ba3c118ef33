import MuJoCo
import TestSupport
import XCTest

/// Loading from files, strings with in-memory assets, and MJB; clear errors for bad input.
final class LoadingTests: XCTestCase {
    func testMalformedXMLNamesTheLine() {
        let xml = """
            <mujoco>
              <worldbody>
                <body>
                  <geom type="sphere" size="0.1" colour="red"/>
                </body>
              </worldbody>
            </mujoco>
            """
        XCTAssertThrowsError(try Model(xml: xml)) { error in
            guard case let .loadFailed(_, message, line) = error as? MuJoCoError else {
                return XCTFail("unexpected error \(error)")
            }
            XCTAssertEqual(line, 4, message)
            XCTAssertTrue(message.contains("colour"), message)
        }
    }

    func testBrokenXMLSyntaxNamesTheLine() {
        let xml = "<mujoco>\n  <worldbody>\n    <geom size=\"0.1\">\n  </worldbody>\n</mujoco>\n"
        XCTAssertThrowsError(try Model(xml: xml)) { error in
            guard case let .loadFailed(_, message, line) = error as? MuJoCoError else {
                return XCTFail("unexpected error \(error)")
            }
            XCTAssertNotNil(line, message)
            XCTAssertTrue("\(error)".contains("line"), "\(error)")
        }
    }

    func testMissingFileIsAClearError() {
        XCTAssertThrowsError(try Model(contentsOf: "/nonexistent/robot.xml")) { error in
            XCTAssertTrue("\(error)".contains("/nonexistent/robot.xml"), "\(error)")
            XCTAssertTrue("\(error)".contains("no readable file"), "\(error)")
        }
    }

    func testXMLStringWithIncludedAssetsResolvedByBaseName() throws {
        let common = Array("""
            <mujoco>
              <default><geom rgba="0.1 0.2 0.3 1"/></default>
            </mujoco>
            """.utf8)
        let xml = """
            <mujoco>
              <include file="./common/defaults.xml"/>
              <worldbody><geom name="g" type="sphere" size="0.5"/></worldbody>
            </mujoco>
            """
        let model = try Model(xml: xml, assets: ["defaults.xml": common])
        XCTAssertEqual(try model.geom("g").rgba, SIMD4<Float>(0.1, 0.2, 0.3, 1))
    }

    func testFileLoadingAndMJBRoundTrip() throws {
        let model = try Model(contentsOf: RepositoryPaths.asset("scenes/primitives.xml"))
        XCTAssertEqual(model.nbody, 4)
        XCTAssertEqual(model.nq, 21)

        let bytes = try model.binary()
        let fromBytes = try Model(binary: bytes)
        XCTAssertEqual(try fromBytes.binary(), bytes)

        let folder = try TemporaryDirectory()
        let path = folder.file("primitives.mjb")
        try model.save(to: path)
        XCTAssertEqual(FileManager.default.contents(atPath: path), Data(bytes))
        let fromFile = try Model(contentsOf: path)
        XCTAssertEqual(fromFile.names(of: .geom), model.names(of: .geom))

        // Same model, same trajectory.
        let a = try Simulation(model: model), b = try Simulation(model: fromFile)
        for _ in 0..<200 { try a.step(); try b.step() }
        XCTAssertTrue(a.state.isBitIdentical(to: b.state))
    }

    func testCorruptMJBIsAnError() throws {
        XCTAssertThrowsError(try Model(binary: [1, 2, 3, 4, 5, 6, 7, 8])) { error in
            XCTAssertTrue("\(error)".contains("MJB"), "\(error)")
        }
    }

    func testCopiesAreIndependent() throws {
        let model = try Model(xml: FreeFallTests.ball(integrator: "Euler"))
        let copy = try model.copy()
        copy.timestep = 0.01
        copy.gravity = SIMD3(0, 0, -1)
        XCTAssertEqual(model.timestep, 0.001)
        XCTAssertEqual(model.gravity, SIMD3(0, 0, -9.81))
        XCTAssertEqual(copy.integrator, .euler)
    }

    func testVersionIsTheLinkedLibrary() {
        XCTAssertEqual(MuJoCoLibrary.version, "2.2.2")
    }
}
