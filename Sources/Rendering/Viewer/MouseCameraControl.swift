import CMuJoCo

/// Turns mouse drags and scrolling into MuJoCo camera motions (`mjv_moveCamera`), as MuJoCo's
/// own viewer does: left drag rotates, right drag pans, middle drag and the wheel zoom; with
/// Shift held, rotation and panning act in the horizontal plane.
struct MouseCameraControl {
    private var held: [Bool] = [false, false, false]
    private var shift = false
    private var last: (x: Double, y: Double)?

    /// The camera motion for a mouse event and its displacement relative to the window height,
    /// or nil when the event does not move the camera.
    mutating func motion(for event: WindowEvent, windowHeight: Int) -> (action: mjtMouse, dx: Double, dy: Double)? {
        switch event {
        case let .mouseButton(button, pressed, shift):
            if (0..<3).contains(Int(button)) { held[Int(button)] = pressed }
            self.shift = shift
            return nil
        case let .cursor(x, y):
            defer { last = (x, y) }
            guard let last, held.contains(true), windowHeight > 0 else { return nil }
            let dx = (x - last.x) / Double(windowHeight), dy = (y - last.y) / Double(windowHeight)
            if held[0] { return (shift ? mjMOUSE_ROTATE_H : mjMOUSE_ROTATE_V, dx, dy) }
            if held[1] { return (shift ? mjMOUSE_MOVE_H : mjMOUSE_MOVE_V, dx, dy) }
            return (mjMOUSE_ZOOM, dx, dy)
        case let .scroll(amount):
            return (mjMOUSE_ZOOM, 0, -0.05 * amount)
        case .keyPress:
            return nil
        }
    }
}
