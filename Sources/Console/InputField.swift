import TerminalUI

/// How every text input is drawn: the text in the plain `field` role, the empty part of the
/// field in `fieldPad` (underlined in the shipped themes) so the operator sees how far it goes.
///
/// Typed text carries no attributes on purpose: ncurses then sends just the character, while
/// switching attributes on and off around it costs about 14 bytes (the budget is at most 4
/// bytes per typed character at p50).
enum InputField {
    static func render(_ input: TextFieldState, row: Int, col: Int, width: Int, focused: Bool, into canvas: Canvas) {
        input.render(into: canvas, row: row, col: col, width: width, role: .field, focused: focused, padRole: .fieldPad)
    }
}
