/// The scene's drawer and sliding window (§2.8): OGBench's collision shapes and joint settings,
/// drawn with primitives (each collision shape has a visible twin), and the moving parts'
/// inertias written out explicitly (MuJoCo 2.2.2 would otherwise derive different ones).
enum SceneFurniture {
    static let assets = """
        <material name="drawer_handle" rgba=".9 .9 .9 1" shininess="1" specular=".5"/>
        <material name="drawer_body" rgba="0.6 0.72 0.94 1" shininess="1" specular=".5"/>
        <material name="window_handle" rgba=".9 .9 .9 1" shininess="1" specular=".5"/>
        <material name="window_body" rgba="1 1 1 1" shininess="1" specular=".5"/>
        <material name="window_glass" rgba="0 .3 .4 .1" shininess="1" specular=".5"/>
        """

    /// A collision shape of the drawer or window (group 4, hidden) and its visible twin.
    private static func shape(_ type: String, pos: String, size: String, euler: String? = nil,
                              material: String, mass: String? = nil, name: String? = nil) -> String {
        let rotation = euler.map { " euler=\"\($0)\"" } ?? ""
        let massText = mass.map { " mass=\"\($0)\"" } ?? ""
        let nameText = name.map { " name=\"\($0)\"" } ?? ""
        return """
          <geom type="\(type)" pos="\(pos)" size="\(size)"\(rotation)\(massText) conaffinity="1" contype="1" condim="3" group="4" solimp="0.99 0.99 0.01" solref="0.01 1" rgba="0.96 0.26 0.33 0.5"/>
          <geom type="\(type)" pos="\(pos)" size="\(size)"\(rotation)\(nameText) contype="0" conaffinity="0" group="1" mass="0" material="\(material)"/>

        """
    }

    static var bodies: String {
        let drawerCase = [
            ("-0.11 0 0", "0.008 0.1 0.084"), ("0.11 0 0", "0.008 0.1 0.084"), ("0 0.092 -0.008", "0.102 0.008 0.076"),
            ("0 -0.008 -0.07", "0.102 0.092 0.014"), ("0 0 0.076", "0.102 0.1 0.008"),
        ].map { shape("box", pos: $0.0, size: $0.1, material: "drawer_body", mass: ".05") }.joined()
        let drawerBox = [
            ("0 -0.082 0.008", "0.1 0.008 0.052"), ("0 0.082 0.008", "0.1 0.008 0.052"), ("-0.092 0 0.008", "0.008 0.074 0.052"),
            ("0.092 0 0.008", "0.008 0.074 0.052"), ("0 0 -0.052", "0.1 0.09 0.008"),
        ].map { shape("box", pos: $0.0, size: $0.1, material: "drawer_body", mass: ".04") }.joined()
        let drawerHandle = shape("capsule", pos: "-0.05 -0.12 0", size: "0.009 0.03", euler: "1.571 0 0", material: "drawer_handle", mass: ".06")
            + shape("capsule", pos: "0 -0.15 0", size: "0.009 0.05", euler: "0 1.57 0", material: "drawer_handle", mass: ".06", name: "drawer_handle")
            + shape("capsule", pos: "0.05 -0.12 0", size: "0.009 0.03", euler: "1.57 0 0", material: "drawer_handle", mass: ".06")
        let windowFrame = [
            ("-0.216 0 0", "0.015 0.03 0.181"), ("0 0 -0.192", "0.25 0.06 0.01"), ("0.216 0 0", "0.015 0.03 0.181"),
            ("0 0 -0.166", "0.201 0.03 0.015"), ("0 0 0.166", "0.201 0.03 0.015"),
        ].map { shape("box", pos: $0.0, size: $0.1, material: "window_body") }.joined()
        let slidingHandle = [
            ("cylinder", "-0.014 -0.028 0.045", "0.012 0.003", "1.57 0 0"), ("cylinder", "-0.014 -0.028 -0.045", "0.012 0.003", "1.57 0 0"),
            ("capsule", "-0.014 -0.06 0.045", "0.008 0.035", "1.57 0 0"), ("capsule", "-0.014 -0.06 -0.045", "0.008 0.035", "1.57 0 0"),
        ].map { shape($0.0, pos: $0.1, size: $0.2, euler: $0.3, material: "window_handle") }.joined()
            + shape("capsule", pos: "-0.014 -0.095 0", size: "0.008 0.045", material: "window_handle", name: "window_handle")
        let slidingPane = [
            ("-0.014 -0.013 0", "0.014 0.012 0.15"), ("-0.19 -0.013 0", "0.01 0.012 0.15"), ("-0.104 -0.013 0.14", "0.076 0.012 0.01"),
            ("-0.104 -0.013 -0.14", "0.076 0.012 0.01"), ("-0.104 -0.022 0", "0.076 0.003 0.005"),
        ].map { shape("box", pos: $0.0, size: $0.1, material: "window_body") }.joined()
            + shape("box", pos: "-0.104 -0.018 0", size: "0.076 0.001 0.13", material: "window_glass")
        let fixedPane = [
            ("0 0 -0.14", "0.08 0.012 0.01"), ("0 0 0.14", "0.08 0.012 0.01"), ("0 -0.009 0", "0.08 0.003 0.005"),
            ("-0.09 0 0", "0.01 0.012 0.15"), ("0.09 0 0", "0.01 0.012 0.15"),
        ].map { shape("box", pos: $0.0, size: $0.1, material: "window_body") }.joined()
            + shape("box", pos: "0 -0.005 0", size: "0.08 0.001 0.13", material: "window_glass")
        return """
        <body name="drawer_base" pos="0.33 -0.42 0.084" euler="0 0 3.14">
        \(drawerCase)
          <body name="drawer_link_virtual" pos="0 -0.01 0.006">
            <body name="drawer_link_virtual_handle" pos="0 -0.17 -0.01">
              <site name="drawer_handle_center_target" pos="0 0 0.0001" type="sphere" size=".01" rgba="0 1 0 1" group="5"/>
            </body>
          </body>
          <body name="drawer_link" pos="0 -0.01 0.006">
            <inertial mass="6.2758875" pos="0 -0.005824301 -0.005185268" quat="0.50312202 0.49685672 -0.49685529 0.50312668"
              diaginertia="0.041079447 0.026060051 0.025958326"/>
            <site name="drawer_handle_center" pos="0 -0.17 -0.01" type="sphere" size=".01" rgba="0 1 0 1" group="5"/>
            <joint name="drawer_slide" type="slide" axis="0 1 0" range="-0.16 0" damping="2" frictionloss="2" armature="0.001"/>
        \(drawerBox)\(drawerHandle)
          </body>
        </body>
        <body name="window" pos="0.3 0.3 .202">
        \(windowFrame)
          <body name="windowb_a_virtual_handle" pos="-0.014 -0.075 0.035">
            <site name="window_handle_center_target" pos="0 0 0.0001" euler="0 0 1.57" type="sphere" size=".01" rgba="0 1 0 1" group="5"/>
          </body>
          <body name="windowb_a">
            <inertial mass="2.5304194" pos="-0.095731739 -0.016031443 1.8751316e-07" quat="0.72635442 0 0 0.68732034"
              diaginertia="0.030453431 0.020931598 0.010501235"/>
            <site name="window_handle_center" pos="-0.014 -0.075 0.035" euler="0 0 1.57" type="sphere" size=".01" rgba="0 1 0 1" group="5"/>
            <joint name="window_slide" type="slide" axis="1 0 0" range="0 .2" damping="2" frictionloss="2" armature="0.001"/>
        \(slidingHandle)\(slidingPane)
          </body>
          <body name="windowb_b" pos="0.1 0.013 0">
        \(fixedPane)
          </body>
        </body>

        """
    }
}
