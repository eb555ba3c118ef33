import CGLContext

/// Input from a ``Window``: keys by GLFW key code, mouse buttons, cursor motion and scrolling.
enum WindowEvent: Equatable {
    /// A key pressed (or auto-repeated while held), with its GLFW key code and whether Shift was down.
    case keyPress(Int32, shift: Bool)
    /// A mouse button (0 left, 1 right, 2 middle) pressed or released.
    case mouseButton(Int32, pressed: Bool, shift: Bool)
    /// The cursor moved to (x, y) in screen coordinates, origin top-left.
    case cursor(x: Double, y: Double)
    /// Vertical scrolling, positive away from the user.
    case scroll(Double)

    /// GLFW key codes the viewer uses (printable keys are their upper-case ASCII codes).
    enum Key {
        static let space: Int32 = 32, escape: Int32 = 256, enter: Int32 = 257, tab: Int32 = 258
        static let backspace: Int32 = 259, right: Int32 = 262, left: Int32 = 263
        static func letter(_ character: Character) -> Int32 { Int32(character.asciiValue!) }
    }

    /// The event of a raw `infom_window_event`; nil for key releases.
    init?(_ raw: infom_window_event) {
        let shift = raw.mods & 1 != 0  // GLFW_MOD_SHIFT
        switch raw.kind {
        case INFOM_WINDOW_KEY:
            guard raw.action != 0 else { return nil }
            self = .keyPress(raw.key, shift: shift)
        case INFOM_WINDOW_MOUSE_BUTTON:
            self = .mouseButton(raw.button, pressed: raw.action != 0, shift: shift)
        case INFOM_WINDOW_CURSOR:
            self = .cursor(x: raw.x, y: raw.y)
        case INFOM_WINDOW_SCROLL:
            self = .scroll(raw.y)
        default:
            return nil
        }
    }
}
