import CMuJoCo

/// One contact between two geoms (a copy of `mjContact`'s main fields).
public struct Contact: Equatable, Sendable {
    /// Ids of the two geoms in contact.
    public let geom1: Int, geom2: Int
    /// Signed distance between the geoms (negative: penetration).
    public let distance: Double
    /// Contact point in the world frame (midpoint between the geoms).
    public let position: SIMD3<Double>
    /// Contact normal, pointing from geom1 to geom2 (the first row of the contact frame).
    public let normal: SIMD3<Double>
    /// Contact force in the contact frame (normal, then tangential) (`mj_contactForce`).
    public let force: SIMD3<Double>
}

/// The contacts of a simulation at its current state, as a collection.
public struct ContactList: RandomAccessCollection {
    let simulation: Simulation

    public var startIndex: Int { 0 }
    public var endIndex: Int { Int(simulation.d.ncon) }

    public subscript(index: Int) -> Contact {
        precondition(index >= 0 && index < endIndex, "contact \(index) out of range 0..<\(endIndex)")
        let c = simulation.d.contact[index]
        var wrench = [Double](repeating: 0, count: 6)
        mj_contactForce(simulation.model.pointer, simulation.pointer, Int32(index), &wrench)
        return Contact(
            geom1: Int(c.geom1), geom2: Int(c.geom2), distance: c.dist,
            position: SIMD3(c.pos.0, c.pos.1, c.pos.2),
            normal: SIMD3(c.frame.0, c.frame.1, c.frame.2),
            force: SIMD3(wrench[0], wrench[1], wrench[2]))
    }

    /// Whether any contact joins geoms `a` and `b` (in either order).
    public func touching(_ a: Int, _ b: Int) -> Bool {
        contains { ($0.geom1 == a && $0.geom2 == b) || ($0.geom1 == b && $0.geom2 == a) }
    }
}
