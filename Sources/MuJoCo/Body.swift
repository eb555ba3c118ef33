/// A rigid body of the model.
public struct Body: ModelObject, Equatable {
    public static let objectType = ObjectType.body
    public let id: Int
    public let name: String
    /// Id of the parent body (the world body, id 0, is its own parent).
    public let parentID: Int
    /// Id of the top-level body under the world that this body belongs to.
    public let rootID: Int
    /// Mass in kg.
    public let mass: Double
    /// Index among mocap bodies, or nil if the body is not a mocap body.
    public let mocapID: Int?

    public init(model: Model, id: Int) {
        let m = model.m
        self.id = id
        name = model.name(of: .body, id: id) ?? ""
        parentID = Int(m.body_parentid[id])
        rootID = Int(m.body_rootid[id])
        mass = m.body_mass[id]
        let mocap = Int(m.body_mocapid[id])
        mocapID = mocap >= 0 ? mocap : nil
    }
}
