/// A sensor of the model, with its slice of `sensordata`.
public struct Sensor: ModelObject, Equatable {
    /// The first sensor types of `mjtSensor` in 2.2.2, in their numeric order.
    public enum Kind: Int, Sendable {
        case touch = 0, accelerometer, velocimeter, gyro, force, torque, magnetometer, rangefinder
    }

    public static let objectType = ObjectType.sensor
    public let id: Int
    public let name: String
    /// MuJoCo's sensor type (`mjtSensor`).
    public let typeCode: Int
    /// The sensor's type, or nil for types ``Kind`` does not list (see ``typeCode``).
    public var kind: Kind? { Kind(rawValue: typeCode) }
    /// First index of the sensor's values in `sensordata` (`sensor_adr`).
    public let address: Int
    /// Number of values (`sensor_dim`).
    public let dimension: Int
    /// Id of the object the sensor is attached to (`sensor_objid`).
    public let objectID: Int

    /// The sensor's indices in `sensordata`.
    public var dataRange: Range<Int> { address..<(address + dimension) }

    public init(model: Model, id: Int) {
        let m = model.m
        self.id = id
        name = model.name(of: .sensor, id: id) ?? ""
        typeCode = Int(m.sensor_type[id])
        address = Int(m.sensor_adr[id])
        dimension = Int(m.sensor_dim[id])
        objectID = Int(m.sensor_objid[id])
    }
}
