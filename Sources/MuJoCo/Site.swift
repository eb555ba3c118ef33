/// A site (a named frame attached to a body) of the model.
public struct Site: ModelObject, Equatable {
    public static let objectType = ObjectType.site
    public let id: Int
    public let name: String
    /// Id of the body the site is attached to.
    public let bodyID: Int

    public init(model: Model, id: Int) {
        self.id = id
        name = model.name(of: .site, id: id) ?? ""
        bodyID = Int(model.m.site_bodyid[id])
    }
}
