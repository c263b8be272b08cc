/// Where screens draw. Two implementations: `GridCanvas` (in memory, the test seam and the
/// frame that `CursesTerminal.present` copies to the terminal).
public protocol Canvas: AnyObject {
    var size: Size { get }

    /// Draws text starting at (row, col), clipped to `width` cells (nil = to the right edge),
    /// never past the edge. Wide characters (CJK, emoji) take two cells and are never cut in
    /// half (a half cell becomes a space). Hostile content is never passed through: it is shown
    /// escaped by `SafeText` (ESC -> "^[", U+202E -> "<U+202E>") in the given role.
    /// Returns the number of cells used.
    @discardableResult
    func draw(_ text: String, row: Int, col: Int, role: Role, width: Int?) -> Int

    /// Blanks `width` cells in a role (e.g. a status bar background).
    func fill(row: Int, col: Int, width: Int, role: Role)

    /// Where the visible cursor goes; nil hides it.
    var cursor: (row: Int, col: Int)? { get set }

    /// Blanks the whole canvas in `.text` and hides the cursor.
    func clear()

    /// True when only ASCII can be shown (vt100/linux consoles without a UTF-8 locale), so
    /// widgets such as `Box` fall back to ASCII art.
    var asciiOnly: Bool { get }
}

extension Canvas {
    public var asciiOnly: Bool { false }

    /// `draw` to the right edge.
    @discardableResult
    public func draw(_ text: String, row: Int, col: Int, role: Role) -> Int {
        draw(text, row: row, col: col, role: role, width: nil)
    }
}
