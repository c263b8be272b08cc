import CNcursesw

/// Copies a `GridCanvas` into stdscr, touching only the cells that changed since the last
/// frame. ncurses then compares stdscr with what the terminal shows and sends only real
/// differences, so an unchanged frame writes 0 bytes and a typed character a handful.
struct CursesFrameWriter {
    private var previous: [GridCell] = []
    private var size = Size(cols: 0, rows: 0)

    /// Forgets the last frame so the next one rewrites every cell (resize, theme change).
    mutating func invalidate() {
        previous = []
    }

    mutating func write(_ canvas: GridCanvas, screen: Size, styles: CursesRoleStyles, unicode: Bool) {
        let window = cn_stdscr()
        let rewriteAll = previous.count != screen.cols * screen.rows || size != screen
        if rewriteAll {
            size = screen
            previous = Array(repeating: GridCell(character: "\u{0}", role: .text), count: screen.cols * screen.rows)
        }
        for row in 0..<screen.rows {
            for col in 0..<screen.cols {
                let cell = canvas.cell(row: row, col: col)  // blank outside a smaller canvas
                let index = row * screen.cols + col
                if previous[index] == cell { continue }
                previous[index] = cell
                // The right half of a wide character is written together with its left half.
                if cell.isContinuation { continue }
                let cells = col + 1 < screen.cols && canvas.cell(row: row, col: col + 1).isContinuation ? 2 : 1
                var column = col
                for piece in TerminalGlyph.pieces(for: cell.character, cells: cells, unicode: unicode) {
                    put(piece, window: window, row: row, col: column, role: cell.role, styles: styles)
                    column += piece.cells
                }
            }
        }
    }

    private func put(_ piece: TerminalGlyph.Piece, window: UnsafeMutablePointer<WINDOW>?, row: Int, col: Int,
                     role: Role, styles: CursesRoleStyles) {
        var text = piece.scalars.map { wchar_t(bitPattern: $0) }
        text.append(0)
        var glyph = cchar_t()
        _ = setcchar(&glyph, text, styles.attributes[role.index], styles.pairs[role.index], nil)
        // Writing the bottom-right cell returns ERR (the cursor cannot advance) but still draws.
        _ = mvwadd_wch(window, Int32(row), Int32(col), &glyph)
    }
}
