/// A tendon of the model.
public struct Tendon: ModelObject, Equatable {
    public static let objectType = ObjectType.tendon
    public let id: Int
    public let name: String
    /// The length range if the tendon is limited (`tendon_limited`, `tendon_range`).
    public let range: ClosedRange<Double>?

    public init(model: Model, id: Int) {
        let m = model.m
        self.id = id
        name = model.name(of: .tendon, id: id) ?? ""
        range = limitedRange(limited: m.tendon_limited[id], pairs: m.tendon_range, id: id)
    }
}
