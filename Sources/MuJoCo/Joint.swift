/// A joint of the model, with its addresses in `qpos` and `qvel`.
public struct Joint: ModelObject, Equatable {
    /// MuJoCo's joint types (`mjtJoint`).
    public enum Kind: Int, Sendable {
        case free = 0, ball, slide, hinge

        /// Number of position coordinates (`qpos`) of a joint of this kind.
        public var positionCount: Int { [7, 4, 1, 1][rawValue] }
        /// Number of degrees of freedom (`qvel`) of a joint of this kind.
        public var dofCount: Int { [6, 3, 1, 1][rawValue] }
    }

    public static let objectType = ObjectType.joint
    public let id: Int
    public let name: String
    public let kind: Kind
    /// Id of the body the joint moves.
    public let bodyID: Int
    /// First index of the joint's coordinates in `qpos` (`jnt_qposadr`).
    public let qposAddress: Int
    /// First index of the joint's degrees of freedom in `qvel` (`jnt_dofadr`).
    public let dofAddress: Int
    /// The joint's range if it is limited (`jnt_limited`, `jnt_range`).
    public let range: ClosedRange<Double>?

    /// The joint's indices in `qpos`.
    public var qposRange: Range<Int> { qposAddress..<(qposAddress + kind.positionCount) }
    /// The joint's indices in `qvel`.
    public var dofRange: Range<Int> { dofAddress..<(dofAddress + kind.dofCount) }

    public init(model: Model, id: Int) {
        let m = model.m
        self.id = id
        name = model.name(of: .joint, id: id) ?? ""
        kind = Kind(rawValue: Int(m.jnt_type[id])) ?? .hinge
        bodyID = Int(m.jnt_bodyid[id])
        qposAddress = Int(m.jnt_qposadr[id])
        dofAddress = Int(m.jnt_dofadr[id])
        range = limitedRange(limited: m.jnt_limited[id], pairs: m.jnt_range, id: id)
    }
}
