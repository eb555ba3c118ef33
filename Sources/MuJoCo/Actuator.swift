/// An actuator of the model; its control is `ctrl[id]`.
public struct Actuator: ModelObject, Equatable {
    public static let objectType = ObjectType.actuator
    public let id: Int
    public let name: String
    /// The control range if controls are clamped (`actuator_ctrllimited`, `actuator_ctrlrange`).
    public let controlRange: ClosedRange<Double>?
    /// Id of the joint, tendon or site the actuator drives (`actuator_trnid[0]`).
    public let targetID: Int
    /// The first gear coefficient (`actuator_gear[0]`).
    public let gear: Double

    public init(model: Model, id: Int) {
        let m = model.m
        self.id = id
        name = model.name(of: .actuator, id: id) ?? ""
        controlRange = limitedRange(limited: m.actuator_ctrllimited[id], pairs: m.actuator_ctrlrange, id: id)
        targetID = Int(m.actuator_trnid[2 * id])
        gear = m.actuator_gear[6 * id]
    }
}
