/// Breaks text into rows of at most a given number of cells, so that a long value or message
/// can be read whole instead of being cut at the edge of the screen.
public enum TextWrap {
    /// The rows of `text` at most `cells` wide (as `Canvas.draw` measures, escapes included):
    /// breaks after spaces where it can, inside a word only when one word is wider than a row.
    /// Line breaks in the text start a new row. Never empty: "" gives one empty row.
    public static func rows(_ text: String, cells: Int) -> [String] {
        guard cells > 0 else { return [text] }
        var rows: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            rows += wrap(Substring(paragraph), cells: cells)
        }
        return rows
    }

    private static func wrap(_ paragraph: Substring, cells: Int) -> [String] {
        var rows: [String] = []
        var row = ""
        var used = 0
        // The row's length and cells just after its last space: where it breaks if a word runs over.
        var breakAt: (count: Int, cells: Int)?
        for character in paragraph {
            let width = TextWidth.cells(character)
            // A loop: what is left after breaking at a space may still be too wide for the
            // next character (a long word, a wide character), and is then broken hard.
            while used + width > cells && !row.isEmpty {
                if let point = breakAt, point.count < row.count {
                    let head = String(row.prefix(point.count))
                    let tail = String(row.dropFirst(point.count))
                    rows.append(head)
                    row = tail
                    used -= point.cells
                } else {
                    rows.append(row)
                    row = ""
                    used = 0
                }
                breakAt = nil
            }
            row.append(character)
            used += width
            if character == " " { breakAt = (row.count, used) }
        }
        rows.append(row)
        return rows
    }
}

extension Canvas {
    /// Draws `text` wrapped onto at most `maxRows` rows from `row` down; what still does not
    /// fit ends in the clip marker on the last row. Returns the rows used.
    @discardableResult
    public func drawWrapped(_ text: String, row: Int, col: Int, width: Int, maxRows: Int, role: Role) -> Int {
        let rows = TextWrap.rows(text, cells: width)
        let shown = min(rows.count, max(1, maxRows))
        for index in 0..<shown {
            // The last row shown carries whatever is left, so the canvas marks the cut.
            let line = index == shown - 1 ? rows[index...].joined() : rows[index]
            draw(line, row: row + index, col: col, role: role, width: width)
        }
        return shown
    }

    /// Draws `text` wrapped onto at most `maxRows` rows that end at `bottom`, growing upwards
    /// over whatever is there (each row used is blanked in `fill` first): for a message line
    /// under a screen, read whole until the next key. Returns the rows used.
    @discardableResult
    public func drawWrapped(_ text: String, endingAt bottom: Int, col: Int, width: Int, maxRows: Int, role: Role,
                            fill: Role) -> Int {
        let rows = min(max(1, maxRows), TextWrap.rows(text, cells: width).count)
        let top = bottom - rows + 1
        for row in top...bottom { self.fill(row: row, col: col, width: width, role: fill) }
        return drawWrapped(text, row: top, col: col, width: width, maxRows: rows, role: role)
    }
}
