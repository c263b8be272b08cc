import TerminalUI

/// How every text input is drawn: the text in the plain `field` role, its empty part as dim
/// underscores so the operator sees how far the field goes.
///
/// Typed text carries no attributes on purpose: ncurses then sends just the character, while
/// switching attributes on and off around it costs about 14 bytes (the budget is at most 4
/// bytes per typed character at p50).
enum InputField {
    static func render(_ input: TextFieldState, row: Int, col: Int, width: Int, focused: Bool, into canvas: Canvas) {
        input.render(into: canvas, row: row, col: col, width: width, role: .field, focused: focused)
        let used = TextWidth.cells(input.text)
        if used < width {
            canvas.draw(String(repeating: "_", count: width - used), row: row, col: col + used, role: .muted,
                        width: width - used)
        }
    }
}
