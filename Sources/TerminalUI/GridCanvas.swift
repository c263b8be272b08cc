/// One cell of a `GridCanvas`. A wide character occupies its cell and marks the next one as
/// its continuation, so the grid can never hold half of a wide character.
public struct GridCell: Hashable, Sendable {
    public var character: Character
    public var role: Role
    /// True for the right half of a wide character (the character lives in the cell to the left).
    public var isContinuation: Bool

    public static let blank = GridCell(character: " ", role: .text, isContinuation: false)

    public init(character: Character, role: Role, isContinuation: Bool = false) {
        self.character = character
        self.role = role
        self.isContinuation = isContinuation
    }
}

/// An in-memory canvas: what screens draw into, what tests assert on, and the frame that
/// `CursesTerminal.present` copies to the terminal.
public final class GridCanvas: Canvas {
    public private(set) var size: Size
    public var cursor: (row: Int, col: Int)?
    public var asciiOnly: Bool
    private var cells: [GridCell]

    public init(size: Size, asciiOnly: Bool = false) {
        self.size = size
        self.asciiOnly = asciiOnly
        self.cells = Array(repeating: .blank, count: size.cols * size.rows)
    }

    public func clear() {
        for index in cells.indices { cells[index] = .blank }
        cursor = nil
    }

    /// Changes the size and blanks everything (screens redraw after a resize anyway).
    public func resize(to newSize: Size) {
        size = newSize
        cells = Array(repeating: .blank, count: newSize.cols * newSize.rows)
        cursor = nil
    }

    public func cell(row: Int, col: Int) -> GridCell {
        guard contains(row: row, col: col) else { return .blank }
        return cells[row * size.cols + col]
    }

    public func role(row: Int, col: Int) -> Role { cell(row: row, col: col).role }

    /// Text that does not fit ends in a clip marker ("…", or ">" on an ASCII-only canvas) in
    /// its last cell, so a cut value never passes for a whole one.
    @discardableResult
    public func draw(_ text: String, row: Int, col: Int, role: Role, width: Int? = nil) -> Int {
        guard row >= 0, row < size.rows else { return 0 }
        let limit = min(size.cols, width.map { col + max(0, $0) } ?? size.cols)
        guard col < limit else { return 0 }
        let clipped = Self.cells(of: text, atLeast: limit - col + 1) > limit - col
        let textLimit = clipped ? limit - 1 : limit
        var position = col
        outer: for character in text {
            if position >= textLimit { break }
            if let escaped = SafeText.replacement(for: character) {
                for piece in escaped where !place(piece, row: row, position: &position, limit: textLimit, role: role) {
                    break outer
                }
            } else if !place(character, row: row, position: &position, limit: textLimit, role: role) {
                break
            }
        }
        if clipped {
            while position < textLimit {
                if position >= 0 { put(GridCell(character: " ", role: role), row: row, col: position) }
                position += 1
            }
            if position >= 0 { put(GridCell(character: asciiOnly ? ">" : "…", role: role), row: row, col: position) }
            position += 1
        }
        return max(0, position - max(col, 0))
    }

    /// The cells `text` takes once made safe, counting only until `atLeast` is reached (a long
    /// value drawn into a short cell is not measured to its end).
    static func cells(of text: String, atLeast: Int) -> Int {
        var total = 0
        for character in text {
            total += TextWidth.cells(character)
            if total >= atLeast { return total }
        }
        return total
    }

    public func fill(row: Int, col: Int, width: Int, role: Role) {
        guard row >= 0, row < size.rows, width > 0 else { return }
        let start = max(0, col)
        let end = min(size.cols, col + width)
        guard start < end else { return }
        for column in start..<end { put(GridCell(character: " ", role: role), row: row, col: column) }
    }

    /// Each row's text, continuation cells skipped, trailing spaces trimmed.
    public func lines() -> [String] {
        (0..<size.rows).map { row in
            var line = ""
            for column in 0..<size.cols {
                let cell = cells[row * size.cols + column]
                if !cell.isContinuation { line.append(cell.character) }
            }
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    public func text() -> String { lines().joined(separator: "\n") }

    /// True if any single row contains `needle`.
    public func contains(_ needle: String) -> Bool { lines().contains { $0.contains(needle) } }

    // MARK: - Placing cells

    /// Places one safe grapheme at `position`, advancing it. Returns false once the limit is hit.
    private func place(_ character: Character, row: Int, position: inout Int, limit: Int, role: Role) -> Bool {
        let width = TextWidth.rawCells(character)
        if width == 0 { return true }  // nothing visible left to place (SafeText gives marks a base)
        if position + width > limit {
            // Only part of a wide character fits: the half cell becomes a space.
            while position < limit {
                if position >= 0 { put(GridCell(character: " ", role: role), row: row, col: position) }
                position += 1
            }
            return false
        }
        if position < 0 {
            // Clipped on the left (negative column): visible halves become spaces.
            for column in position..<(position + width) where column >= 0 {
                put(GridCell(character: " ", role: role), row: row, col: column)
            }
        } else {
            put(GridCell(character: character, role: role), row: row, col: position)
            if width == 2 {
                put(GridCell(character: " ", role: role, isContinuation: true), row: row, col: position + 1)
            }
        }
        position += width
        return true
    }

    /// Writes one cell, first repairing any wide character it would cut in half.
    private func put(_ cell: GridCell, row: Int, col: Int) {
        let index = row * size.cols + col
        if cells[index].isContinuation && !cell.isContinuation && col > 0 {
            // Overwriting the right half of a wide character orphans its left half.
            cells[index - 1] = GridCell(character: " ", role: cells[index - 1].role)
        }
        if col + 1 < size.cols && cells[index + 1].isContinuation {
            // This cell owned the next one; `place` rewrites it if the new character is wide.
            cells[index + 1] = GridCell(character: " ", role: cells[index + 1].role)
        }
        cells[index] = cell
    }

    private func contains(row: Int, col: Int) -> Bool {
        row >= 0 && row < size.rows && col >= 0 && col < size.cols
    }
}
