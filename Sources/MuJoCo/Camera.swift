/// A camera defined in the model.
public struct Camera: ModelObject, Equatable {
    public static let objectType = ObjectType.camera
    public let id: Int
    public let name: String
    /// Id of the body the camera is attached to.
    public let bodyID: Int
    /// Vertical field of view in degrees (`cam_fovy`).
    public let fieldOfView: Double

    public init(model: Model, id: Int) {
        self.id = id
        name = model.name(of: .camera, id: id) ?? ""
        bodyID = Int(model.m.cam_bodyid[id])
        fieldOfView = model.m.cam_fovy[id]
    }
}
