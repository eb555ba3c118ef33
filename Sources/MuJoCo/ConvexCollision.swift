import CMuJoCo

/// How a model's convex primitive pairs without a native MuJoCo 2.2.2 function (a cylinder or an
/// ellipsoid against a sphere, capsule, ellipsoid, cylinder or box) are collided.
public enum ConvexCollision: Sendable, Equatable {
    /// MuJoCo 2.2.2's own: libccd's MPR, whose penetration is measured along the line between the
    /// two geoms' centres (MuJoCo 3 with `nativeccd` disabled).
    case mpr
    /// MuJoCo 3's default (`nativeccd`, one contact per pair): GJK for the distance and EPA for
    /// the minimum penetration (`infom_convex_penetration`). A pad resting on a wide cylinder is a
    /// contact on its flat face, where MPR may report one on its side.
    case gjkEPA
}

extension Model {
    /// Chooses how this model's convex primitive pairs collide (`infom_use_convex_penetration`);
    /// other models are unaffected. Models start with ``ConvexCollision/mpr``.
    public func use(_ collision: ConvexCollision) throws {
        guard infom_use_convex_penetration(pointer, collision == .gjkEPA ? 1 : 0) == 0 else {
            throw MuJoCoError.unsupported("GJK/EPA collisions serve at most 256 models at a time")
        }
        convexCollision = collision
    }
}
