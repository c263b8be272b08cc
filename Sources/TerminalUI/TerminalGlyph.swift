/// How one grid cell's grapheme is handed to ncurses. ncurses stores a cell as one spacing
/// character plus up to four zero-width ones and advances by the C library's `wcwidth`; a
/// grapheme the grid measured differently (a flag, "❤️", a ZWJ family) must be written so that
/// ncurses's idea of the cursor position stays right, or the rest of the line would shift.
/// Pure function of the grapheme, so it is tested without a terminal.
enum TerminalGlyph {
    /// One ncurses write: code points for one `cchar_t` and the cells ncurses will advance.
    struct Piece: Equatable {
        var scalars: [UInt32]
        var cells: Int
    }

    static let maxZeroWidth = 4  // CCHARW_MAX (5) minus the spacing character

    /// Pieces covering exactly `cells` cells. `unicode` false (no UTF-8 locale) shows non-ASCII
    /// as "?" per cell. `scalarWidth` is `wcwidth`.
    static func pieces(for character: Character, cells: Int, unicode: Bool,
                       scalarWidth: (Unicode.Scalar) -> Int = TextWidth.scalarCells) -> [Piece] {
        let scalars = Array(character.unicodeScalars)
        guard cells > 0, let base = scalars.first else { return [] }
        if !unicode && !(scalars.count == 1 && base.isASCII) {
            return Array(repeating: Piece(scalars: [0x3F], cells: 1), count: cells)
        }
        let baseWidth = scalarWidth(base)
        if baseWidth == cells {
            // The usual case: base plus its combining marks (stop at the first spacing scalar,
            // drop a dangling ZWJ that would glue this cell to the next).
            var piece = [base.value]
            for scalar in scalars.dropFirst() {
                guard scalarWidth(scalar) == 0, piece.count <= maxZeroWidth else { break }
                piece.append(scalar.value)
            }
            while piece.count > 1 && piece.last == 0x200D { piece.removeLast() }
            return [Piece(scalars: piece, cells: cells)]
        }
        let widths = scalars.map(scalarWidth)
        if widths.allSatisfy({ $0 >= 1 }) && widths.reduce(0, +) == cells {
            // E.g. a flag: two regional indicators of width 1 each, in adjacent cells.
            return zip(scalars, widths).map { Piece(scalars: [$0.value], cells: $1) }
        }
        if baseWidth >= 1 && baseWidth < cells {
            // E.g. "❤️" (text-width heart + VS16): the bare base, padded with spaces.
            return [Piece(scalars: [base.value], cells: baseWidth)]
                + Array(repeating: Piece(scalars: [0x20], cells: 1), count: cells - baseWidth)
        }
        return Array(repeating: Piece(scalars: [0x3F], cells: 1), count: cells)
    }
}
