import MuJoCo

/// Compiles the manipulation world of a family: `Assets/manipulation/world.xml` (arena, arm,
/// gripper) with the family's objects and cameras inserted, then applies OGBench's runtime edits
/// (arm gains; for pixel observations the purple, see-through gripper and arm).
enum ManipulationModel {
    /// RGB of the cube colours by index (§2.7): red, blue, orange, green, purple, yellow, magenta, gray.
    static let cubeColors: [SIMD3<Float>] = [
        SIMD3(0.96, 0.26, 0.33), SIMD3(0.35, 0.55, 0.91), SIMD3(1.0, 0.69, 0.21), SIMD3(0.06, 0.74, 0.21),
        SIMD3(0.61, 0.28, 0.82), SIMD3(0.76, 0.96, 0.04), SIMD3(0.82, 0.28, 0.61), SIMD3(0.5, 0.5, 0.5),
    ]
    /// The lighter colours a cube shows once it sits on its goal (state envs only).
    static let cubeSuccessColors: [SIMD3<Float>] = [
        SIMD3(0.99, 0.85, 0.86), SIMD3(0.86, 0.9, 0.98), SIMD3(1.0, 0.94, 0.84), SIMD3(0.77, 0.95, 0.81),
        SIMD3(0.91, 0.84, 0.96), SIMD3(0.95, 0.99, 0.8), SIMD3(0.96, 0.84, 0.91), SIMD3(0.9, 0.9, 0.9),
    ]
    /// Proportional gains of the arm's position servos after OGBench's override.
    static let armGains: [Double] = [4500, 4500, 4500, 2000, 2000, 500]

    /// The compiled model of `family`; `pixels` applies the visual envs' material edits.
    static func load(_ family: ManipulationFamily, pixels: Bool) throws -> Model {
        let model = try Model(xml: try xml(family))
        for (i, kp) in armGains.enumerated() {
            model.actuatorGainParameters[10 * i] = kp
            model.actuatorBiasParameters[10 * i + 1] = -kp
        }
        if pixels { try applyPixelLook(model) }
        // OGBench's MuJoCo 3 finds the minimum penetration of cylinder pairs (button caps against
        // the gripper pads); 2.2.2's MPR reads a pad on a cap as a sideways squeeze that lifts it.
        try model.use(.gjkEPA)
        return model
    }

    /// The MJCF text of `family`'s world (before the runtime edits: arm gains, pixel look).
    static func xml(_ family: ManipulationFamily) throws -> String {
        var xml = try AssetLocator.text("manipulation/world.xml")
        let parts = objects(family)
        for (marker, text) in [("<!-- objects:assets -->", parts.assets), ("<!-- objects:bodies -->", parts.bodies),
                               ("<!-- objects:cameras -->", cameras(family))] {
            guard let range = xml.range(of: marker) else {
                throw EnvironmentError.assetsUnavailable("manipulation/world.xml lacks the marker \(marker)")
            }
            xml.replaceSubrange(range, with: text)
        }
        return xml
    }

    /// The visual envs' look (§2.10): purple gripper, see-through arm and gripper.
    private static func applyPixelLook(_ model: Model) throws {
        func set(_ name: String, rgb: SIMD3<Float>? = nil, alpha: Float) throws {
            guard let id = model.id(of: .material, named: name) else {
                throw EnvironmentError.assetsUnavailable("manipulation model lacks material \(name)")
            }
            if let rgb { for c in 0..<3 { model.materialRGBA[4 * id + c] = rgb[c] } }
            model.materialRGBA[4 * id + 3] = alpha
        }
        let purple = cubeColors[4]
        try set("ur5e/robotiq/black", rgb: purple, alpha: 0.1)
        try set("ur5e/robotiq/pad_gray", rgb: purple, alpha: 0.5)
        for name in ["ur5e/robotiq/metal", "ur5e/robotiq/silicone", "ur5e/robotiq/gray", "ur5e/black",
                     "ur5e/jointgray", "ur5e/linkgray", "ur5e/lightblue"] {
            try set(name, alpha: 0.1)
        }
    }

    /// Asset and body XML of the family's objects, in OGBench's merge order.
    private static func objects(_ family: ManipulationFamily) -> (assets: String, bodies: String) {
        switch family {
        case let .cube(count):
            return ("", (0..<count).map { cube($0, y: -0.05 * Double(count - 1) + 0.1 * Double($0)) }.joined())
        case .scene:
            let buttons = (0..<2).map {
                button($0, position: SIMD3(0.58, $0 == 0 ? -0.05 : 0.05, 0.048),
                       topSite: $0 == 0 ? -0.0774 : -0.0732, topMaterial: "btn_top_\($0)")
            }.joined()
            return (buttonAssets + "<material name=\"btn_top_0\" rgba=\"0.6 0.72 0.94 1\" shininess=\"1\" specular=\".5\"/>"
                        + "<material name=\"btn_top_1\" rgba=\"1 1 1 1\" shininess=\"1\" specular=\".5\"/>" + SceneFurniture.assets,
                    cube(0, y: 0) + buttons + SceneFurniture.bodies)
        case let .puzzle(rows, columns):
            var bodies = ""
            for r in 0..<rows {
                for c in 0..<columns {
                    let x = 0.425 - 0.05 * Double(rows - 1) + 0.1 * Double(r)
                    let y = -0.05 * Double(columns - 1) + 0.1 * Double(c)
                    bodies += button(r * columns + c, position: SIMD3(x, y, 0.048), topSite: -0.0774, topMaterial: "btn_top")
                }
            }
            return (buttonAssets + "<material name=\"btn_top\" rgba=\"1 1 1 1\" shininess=\"1\" specular=\".5\"/>", bodies)
        }
    }

    /// Cube `i` (4 cm, density 1240, collides with the walls) and its goal ghost (mocap).
    private static func cube(_ i: Int, y: Double) -> String {
        let c = cubeColors[i % cubeColors.count]
        let rgb = "\(c.x) \(c.y) \(c.z)"
        return """
        <body name="object_\(i)" pos="0.3 \(y) 0.02">
          <freejoint name="object_joint_\(i)"/>
          <geom name="object_\(i)" type="box" size="0.02 0.02 0.02" rgba="\(rgb) 1" density="1240" solref="0.004 1" contype="3" group="1"/>
          <site name="com_\(i)" type="sphere" size="0.005" rgba="0 1 0 1" group="5"/>
        </body>
        <body name="object_target_\(i)" pos="0.45 \(y) 0.02" mocap="true">
          <geom name="target_object_\(i)" type="box" size="0.02 0.02 0.02" rgba="\(rgb) 0.2" contype="0" conaffinity="0" group="1"/>
        </body>

        """
    }

    private static let buttonAssets = """
        <material name="btn_black" rgba=".15 .15 .15 1" shininess="1" specular=".5"/>
        <material name="btn_metal" rgba=".8 .8 .8 1" shininess="1" specular="1"/>
        """

    /// A push button in a box (§2.8, §2.9): the box's local −y points up; the button slides 2.4 cm
    /// down against a spring. Collision shapes as OGBench's; the look is drawn with primitives.
    private static func button(_ i: Int, position p: SIMD3<Double>, topSite: Double, topMaterial: String) -> String {
        let col = "conaffinity=\"1\" contype=\"1\" condim=\"3\" group=\"4\" solimp=\"0.99 0.99 0.01\" solref=\"0.01 1\""
        let look = "contype=\"0\" conaffinity=\"0\" group=\"1\""
        return """
        <body name="buttonbox_\(i)" pos="\(p.x) \(p.y) \(p.z)" euler="-1.57 0 0">
          <geom \(look) type="box" pos="0 0.0048 0" size="0.048 0.0408 0.048" material="btn_black"/>
          <geom \(look) type="box" pos="0 -0.0365 0" size="0.046 0.0005 0.046" material="\(topMaterial)"/>
          <geom \(look) type="cylinder" euler="1.57 0 0" pos="0 -0.0375 0" size="0.022 0.001" material="btn_metal"/>
          <geom \(col) type="box" pos="0 0.0048 0.0288" size="0.048 0.0408 0.0192"/>
          <geom \(col) type="box" pos="0 0.0048 -0.0288" size="0.048 0.0408 0.0192"/>
          <geom \(col) type="box" pos="-0.0292 0.0048 0" size="0.0188 0.0408 0.0096"/>
          <geom \(col) type="box" pos="0.0292 0.0048 0" size="0.0188 0.0408 0.0096"/>
          <site name="btntop_\(i)" pos="0 \(topSite) 0" type="sphere" size=".01" rgba="0 1 0 1" group="5"/>
          <body name="button_\(i)">
            <inertial pos="0 -0.0774 0" mass=".01" diaginertia="0.001 0.001 0.001"/>
            <joint name="buttonbox_joint_\(i)" type="slide" axis="0 -1 0" range="-0.024 0" springref=".5" stiffness="0.5" damping="1" armature="0.001"/>
            <geom name="btngeom_\(i)" \(look) type="cylinder" euler="1.57 0 0" pos="0 -0.0704 0" size="0.0172 0.0072" rgba="0.96 0.26 0.33 1"/>
            <geom \(look) type="cylinder" euler="1.57 0 0" pos="0 -0.0512 0" size="0.0084 0.0156" material="btn_black"/>
            <geom \(col) type="cylinder" euler="1.57 0 0" pos="0 -0.0512 0" size="0.0084 0.0156"/>
            <geom \(col) type="cylinder" euler="1.57 0 0" pos="0 -0.0664 0" size="0.0172 0.0032"/>
            <geom \(col) type="cylinder" euler="1.57 0 0" pos="0 -0.0732 0" size="0.0172 0.0044"/>
          </body>
        </body>

        """
    }

    /// The `front` (videos, state envs) and `front_pixels` (visual envs) cameras (§2.10).
    private static func cameras(_ family: ManipulationFamily) -> String {
        if case .cube = family {
            return """
            <camera name="front" pos="1.287 0 0.509" xyaxes="0 1 0 -0.342 0 0.940"/>
            <camera name="front_pixels" pos="1.053 -0.014 0.639" xyaxes="0 1 0 -0.628 0.001 0.778"/>
            """
        }
        return """
        <camera name="front" pos="1.139 0 0.821" xyaxes="0 1 0 -0.627 0 0.779"/>
        <camera name="front_pixels" pos="0.905 0 0.762" xyaxes="0 1 0 -0.771 0 0.637"/>
        """
    }
}
