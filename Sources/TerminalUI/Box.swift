/// Draws rectangles with Unicode box characters, or ASCII ("+", "-", "|") where the terminal
/// cannot show them (vt100/linux consoles without a UTF-8 locale).
public enum Box {
    struct Glyphs {
        var topLeft, topRight, bottomLeft, bottomRight, horizontal, vertical: String
        static let unicode = Glyphs(topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
                                    horizontal: "─", vertical: "│")
        static let ascii = Glyphs(topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
                                  horizontal: "-", vertical: "|")
    }

    /// Draws the frame; `fill` blanks the inside in that role first (dialogs). `title` is
    /// drawn into the top edge in `titleRole`, clipped to fit. `ascii` defaults to the
    /// canvas's `asciiOnly`.
    public static func draw(into canvas: Canvas, row: Int, col: Int, width: Int, height: Int,
                            role: Role = .border, title: String? = nil, titleRole: Role = .dialogTitle,
                            fill: Role? = nil, ascii: Bool? = nil) {
        guard width >= 2, height >= 2 else { return }
        let glyphs = (ascii ?? canvas.asciiOnly) ? Glyphs.ascii : Glyphs.unicode
        let inner = width - 2
        if let fill {
            for line in row + 1..<row + height - 1 { canvas.fill(row: line, col: col + 1, width: inner, role: fill) }
        }
        let horizontal = String(repeating: glyphs.horizontal, count: inner)
        canvas.draw(glyphs.topLeft + horizontal + glyphs.topRight, row: row, col: col, role: role, width: width)
        canvas.draw(glyphs.bottomLeft + horizontal + glyphs.bottomRight, row: row + height - 1, col: col,
                    role: role, width: width)
        for line in row + 1..<row + height - 1 {
            canvas.draw(glyphs.vertical, row: line, col: col, role: role, width: 1)
            canvas.draw(glyphs.vertical, row: line, col: col + width - 1, role: role, width: 1)
        }
        if let title, !title.isEmpty, inner >= 3 {
            // " Title " starting one cell in from the corner.
            canvas.draw(" " + title + " ", row: row, col: col + 1, role: titleRole, width: inner - 1)
        }
    }
}
