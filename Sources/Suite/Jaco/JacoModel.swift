import MuJoCo

/// Compiles `Assets/jaco/jaco.xml`: the Kinova Jaco arm and three-finger hand on dm_control's
/// standard manipulation arena, authored from the facts of dm_control 1.0.7's compiled model.
public enum JacoModel {
    public static func load() throws -> Model { try Model(xml: AssetLocator.text("jaco/jaco.xml")) }
}
