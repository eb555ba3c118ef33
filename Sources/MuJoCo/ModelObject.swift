import CMuJoCo

/// A named object of a compiled model (a body, joint, geom, …), identified by its id.
///
/// Values are small snapshots of the model's description of the object (ids, addresses,
/// sizes), made once at lookup so that hot loops use plain integers.
public protocol ModelObject: Sendable {
    /// The kind of object.
    static var objectType: ObjectType { get }
    /// The object's index among objects of its type.
    var id: Int { get }
    /// The object's name ("" if unnamed).
    var name: String { get }
    /// Reads the object with index `id` (already range-checked) from `model`.
    init(model: Model, id: Int)
}

/// The range `[low, high]` at `pairs[2 * id]` when `limited` is non-zero, else nil: how MuJoCo
/// stores joint, tendon and control ranges.
func limitedRange<Flag: BinaryInteger>(limited: Flag, pairs: UnsafeMutablePointer<Double>, id: Int) -> ClosedRange<Double>? {
    guard limited != 0 else { return nil }
    let low = pairs[2 * id], high = pairs[2 * id + 1]
    return low...max(low, high)
}

extension Model {
    /// The id of the named object (`mj_name2id`), or nil if there is none.
    public func id(of type: ObjectType, named name: String) -> Int? {
        let id = Int(mj_name2id(pointer, type.mjType, name))
        return id >= 0 ? id : nil
    }

    /// The name of an object (`mj_id2name`), or nil if it is unnamed or the id is out of range.
    public func name(of type: ObjectType, id: Int) -> String? {
        guard id >= 0, id < count(of: type), let c = mj_id2name(pointer, type.mjType, Int32(id)) else { return nil }
        return String(cString: c)
    }

    /// The names of all objects of a type, in id order ("" for unnamed ones).
    public func names(of type: ObjectType) -> [String] {
        (0..<count(of: type)).map { name(of: type, id: $0) ?? "" }
    }

    /// The object of kind `T` with this name, or an error listing the names that exist.
    public func object<T: ModelObject>(_: T.Type, named name: String) throws -> T {
        guard let id = id(of: T.objectType, named: name) else {
            throw MuJoCoError.unknownName(
                type: T.objectType, name: name, available: names(of: T.objectType).filter { !$0.isEmpty })
        }
        return T(model: self, id: id)
    }

    /// The object of kind `T` with this id, or an error if the id is out of range.
    public func object<T: ModelObject>(_: T.Type, id: Int) throws -> T {
        let count = count(of: T.objectType)
        guard id >= 0, id < count else {
            throw MuJoCoError.indexOutOfRange(type: T.objectType, index: id, count: count)
        }
        return T(model: self, id: id)
    }

    /// All objects of kind `T`, in id order.
    public func objects<T: ModelObject>(_: T.Type) -> [T] {
        (0..<count(of: T.objectType)).map { T(model: self, id: $0) }
    }

    /// The body with this name.
    public func body(_ name: String) throws -> Body { try object(Body.self, named: name) }
    /// The joint with this name.
    public func joint(_ name: String) throws -> Joint { try object(Joint.self, named: name) }
    /// The geom with this name.
    public func geom(_ name: String) throws -> Geom { try object(Geom.self, named: name) }
    /// The site with this name.
    public func site(_ name: String) throws -> Site { try object(Site.self, named: name) }
    /// The sensor with this name.
    public func sensor(_ name: String) throws -> Sensor { try object(Sensor.self, named: name) }
    /// The actuator with this name.
    public func actuator(_ name: String) throws -> Actuator { try object(Actuator.self, named: name) }
    /// The camera with this name.
    public func camera(_ name: String) throws -> Camera { try object(Camera.self, named: name) }
    /// The tendon with this name.
    public func tendon(_ name: String) throws -> Tendon { try object(Tendon.self, named: name) }
}
