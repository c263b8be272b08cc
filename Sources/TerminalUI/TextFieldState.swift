/// The editing model of a single-line form field: text, cursor and horizontal scroll.
///
/// Keys follow shell/readline conventions (Ctrl-A/E/K/U/W, Alt-B/F). The text is kept as an
/// array of graphemes so the cursor can never land inside a character. A field has a display
/// width (set by whoever lays the form out) and scrolls so the cursor is always visible,
/// like dialog(1). `accepts` is a hard stop: an edit that would lengthen the text into
/// something not accepted is refused whole (a paste keeps the longest accepted prefix).
public struct TextFieldState: Sendable {
    public private(set) var graphemes: [Character]
    /// Grapheme index of the cursor, 0...graphemes.count.
    public private(set) var cursor: Int
    /// Grapheme index of the first visible character.
    public private(set) var scroll: Int = 0
    /// Cells the field shows; scrolling keeps the cursor inside this many cells.
    public var displayWidth: Int { didSet { keepCursorVisible() } }
    /// Consulted before any change that lengthens the text; nil accepts everything.
    public var accepts: (@Sendable (String) -> Bool)?
    /// Applied to inserted text (typed or pasted), e.g. uppercasing a country code.
    public var transform: (@Sendable (String) -> String)?
    /// Why the last key inserted nothing (or was cut short), so a form can say so.
    public enum Refusal: Sendable, Equatable {
        /// `accepts` said no: the field's limit.
        case limit
        /// A control or invisible character, or a combining mark with nothing to combine with.
        case unsafe(Character)
    }

    /// Set when the last key was refused, whole or in part; nil when it went in.
    public private(set) var lastRefusal: Refusal?
    /// True when the last key was refused by `accepts` or as unsafe (or cut short).
    public var lastInsertRefused: Bool { lastRefusal != nil }

    public init(text: String = "", displayWidth: Int = 20,
                accepts: (@Sendable (String) -> Bool)? = nil,
                transform: (@Sendable (String) -> String)? = nil) {
        self.graphemes = Array(text)
        self.cursor = graphemes.count
        self.displayWidth = max(1, displayWidth)
        self.accepts = accepts
        self.transform = transform
        keepCursorVisible()
    }

    public var text: String { String(graphemes) }

    /// Replaces the whole text (e.g. loading a record) without consulting `accepts`.
    public mutating func setText(_ newText: String, cursorAtEnd: Bool = true) {
        graphemes = Array(newText)
        cursor = cursorAtEnd ? graphemes.count : 0
        scroll = 0
        keepCursorVisible()
    }

    /// Applies an editing key. Returns true if the key belongs to the field (even when the edit
    /// was refused or had nothing to do), false for keys the screen should handle (Tab, Enter...).
    public mutating func handle(_ key: Key) -> Bool {
        lastRefusal = nil
        switch key {
        case .character(let character):
            if SafeText.needsEscape(character) && !joinsPrevious(character) {
                lastRefusal = .unsafe(character)
                return true
            }
            insert(String(character), allowPartial: false)
        case .paste(let body):
            insert(Self.cleanPaste(body), allowPartial: true)
        case .left: moveCursor(to: cursor - 1)
        case .right: moveCursor(to: cursor + 1)
        case .home, .control("a"): moveCursor(to: 0)
        case .end, .control("e"): moveCursor(to: graphemes.count)
        case .alt("b"): moveCursor(to: wordStart(before: cursor))
        case .alt("f"): moveCursor(to: wordEnd(after: cursor))
        case .backspace: delete(max(0, cursor - 1)..<cursor)
        case .delete: delete(cursor..<min(graphemes.count, cursor + 1))
        case .control("k"): delete(cursor..<graphemes.count)
        case .control("u"): delete(0..<cursor)
        case .control("w"): delete(shellWordStart(before: cursor)..<cursor)
        default: return false
        }
        return true
    }

    /// Paste rules: newlines and tabs become spaces (a paste never submits a form); other
    /// controls and invisible characters are dropped.
    public static func cleanPaste(_ body: String) -> String {
        var out = ""
        for character in body {
            switch character {
            case "\r\n", "\n", "\r", "\t": out.append(" ")
            default: if !SafeText.needsEscape(character) { out.append(character) }
            }
        }
        return out
    }

    // MARK: - Editing

    /// True when `character` is a piece of the grapheme before the cursor that arrived on its
    /// own: a combining accent after its letter (an input method sends "e" then U+0301), or a
    /// zero-width joiner, variation selector or skin tone between the parts of an emoji that a
    /// terminal sends code point by code point. Alone it would be unsafe to show; together
    /// with its neighbour it is ordinary text (and still checked as such).
    private func joinsPrevious(_ character: Character) -> Bool {
        guard cursor > 0 else { return false }
        let joined = String(graphemes[cursor - 1]) + String(character)
        guard joined.count == 1, let combined = joined.first else { return false }
        return !SafeText.needsEscape(combined)
    }

    private mutating func insert(_ raw: String, allowPartial: Bool) {
        let inserted = Array(transform.map { $0(raw) } ?? raw)
        guard !inserted.isEmpty else { return }
        if isAccepted(inserting: inserted[...]) {
            apply(inserted[...])
            return
        }
        lastRefusal = .limit
        guard allowPartial, let count = longestAcceptedPrefix(of: inserted) else { return }
        apply(inserted[..<count])
    }

    /// Largest k > 0 such that inserting the first k graphemes is accepted. Binary search,
    /// assuming `accepts` is monotone in length (a byte or character limit), then a downward
    /// scan in case it is not.
    private func longestAcceptedPrefix(of inserted: [Character]) -> Int? {
        var low = 0, high = inserted.count - 1  // the whole paste is known to be refused
        while low < high {
            let middle = (low + high + 1) / 2
            if isAccepted(inserting: inserted[..<middle]) { low = middle } else { high = middle - 1 }
        }
        var count = low
        while count > 0 && !isAccepted(inserting: inserted[..<count]) { count -= 1 }
        return count > 0 ? count : nil
    }

    private func isAccepted(inserting piece: ArraySlice<Character>) -> Bool {
        guard let accepts else { return true }
        return accepts(String(graphemes[..<cursor]) + String(piece) + String(graphemes[cursor...]))
    }

    private mutating func apply(_ piece: ArraySlice<Character>) {
        let before = String(graphemes[..<cursor]) + String(piece)
        let combined = before + String(graphemes[cursor...])
        graphemes = Array(combined)
        // Re-segment: an inserted combining mark or regional indicator may merge with a neighbour.
        cursor = min(graphemes.count, before.count)
        keepCursorVisible()
    }

    private mutating func delete(_ range: Range<Int>) {
        guard !range.isEmpty else { return }
        graphemes.removeSubrange(range)
        cursor = range.lowerBound
        keepCursorVisible()
    }

    private mutating func moveCursor(to index: Int) {
        cursor = min(max(0, index), graphemes.count)
        keepCursorVisible()
    }

    // MARK: - Words

    private func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber
    }

    /// Alt-B: back over non-word characters, then over the word (readline's backward-word).
    private func wordStart(before index: Int) -> Int {
        var i = index
        while i > 0 && !isWordCharacter(graphemes[i - 1]) { i -= 1 }
        while i > 0 && isWordCharacter(graphemes[i - 1]) { i -= 1 }
        return i
    }

    /// Alt-F: forward over non-word characters, then to the end of the word.
    private func wordEnd(after index: Int) -> Int {
        var i = index
        while i < graphemes.count && !isWordCharacter(graphemes[i]) { i += 1 }
        while i < graphemes.count && isWordCharacter(graphemes[i]) { i += 1 }
        return i
    }

    /// Ctrl-W: back over spaces, then to the previous space (the shell's unix-word-rubout,
    /// so "ops@example.com" goes in one stroke, as operators expect from bash).
    private func shellWordStart(before index: Int) -> Int {
        var i = index
        while i > 0 && graphemes[i - 1].isWhitespace { i -= 1 }
        while i > 0 && !graphemes[i - 1].isWhitespace { i -= 1 }
        return i
    }

    // MARK: - Scrolling and drawing

    private mutating func keepCursorVisible() {
        scroll = Self.visibleStart(graphemes: graphemes, cursor: cursor, scroll: scroll, width: displayWidth)
    }

    /// The first visible grapheme when the field is `width` cells wide and focused: the cursor
    /// (and the character under it) stays visible and clear of the clip markers ("…" at the
    /// left when text is hidden before, at the right when text is hidden after), `scroll`
    /// moves as little as possible, and no cells are left empty while text is hidden on the
    /// left (after a resize to a wider field, or deleting at the end).
    static func visibleStart(graphemes: [Character], cursor: Int, scroll: Int, width: Int) -> Int {
        guard width >= 3 else { return legacyStart(graphemes: graphemes, cursor: cursor, scroll: scroll, width: width) }
        let cells = graphemes.map { TextWidth.cells($0) }
        let atEnd = cursor == graphemes.count
        let cursorCells = atEnd ? 1 : max(1, cells[cursor])
        // Cells from `start` to the end of the text, plus the cell after it for a cursor at the end.
        func tailCells(_ start: Int) -> Int { cells[start...].reduce(0, +) + (atEnd ? 1 : 0) }
        func fitsWhole(_ start: Int) -> Bool { tailCells(start) <= width - (start > 0 ? 1 : 0) }
        func cursorFits(_ start: Int) -> Bool {
            if fitsWhole(start) { return true }
            // Clipped on the right too: the cursor must land before the right marker.
            let room = width - (start > 0 ? 1 : 0) - 1
            return cells[start..<cursor].reduce(0, +) + cursorCells <= room
        }
        var start = min(max(0, scroll), cursor)
        while start < cursor && !cursorFits(start) { start += 1 }
        while start > 0 && fitsWhole(start - 1) { start -= 1 }
        return start
    }

    /// Below three cells there is no room for markers: the cursor alone is kept visible.
    private static func legacyStart(graphemes: [Character], cursor: Int, scroll: Int, width: Int) -> Int {
        var start = min(max(0, scroll), cursor)
        let cursorCells = cursor < graphemes.count ? max(1, TextWidth.cells(graphemes[cursor])) : 1
        var used = graphemes[start..<cursor].reduce(0) { $0 + TextWidth.cells($1) }
        while start < cursor && used + cursorCells > width {
            used -= TextWidth.cells(graphemes[start])
            start += 1
        }
        return start
    }

    /// Draws the field padded to `width` cells. Focused, it shows the part around the cursor
    /// and puts the canvas cursor at the editing position; unfocused, it shows the start of the
    /// text. Hidden text is always marked ("…" at the cut end), so a long value never looks
    /// shorter than it is. The text is drawn in `role`, the unused cells in `padRole`
    /// (default: `role`).
    ///
    /// Why two roles: ncurses resets attributes after every refresh, so each typed character
    /// drawn in a coloured or bold role costs ~30 bytes over SSH instead of 1. Forms keep the
    /// text plain (`.field`) and show the field's extent with `.fieldPad` (underlined blanks);
    /// when the text looks the same focused or not, moving between fields only moves the cursor.
    public func render(into canvas: Canvas, row: Int, col: Int, width: Int, role: Role, focused: Bool,
                       padRole: Role? = nil) {
        guard width > 0 else { return }
        // The stored scroll was computed for `displayWidth`; re-check for the width drawn now.
        let start = focused ? Self.visibleStart(graphemes: graphemes, cursor: cursor, scroll: scroll, width: width) : 0
        var x = col
        let marker = start > 0 && width >= 3 ? 1 : 0
        if marker == 1 {
            x += canvas.draw(canvas.asciiOnly ? "<" : "…", row: row, col: x, role: role, width: 1)
        }
        // The canvas marks the right end itself when the rest does not fit.
        x += canvas.draw(String(graphemes[start...]), row: row, col: x, role: role, width: col + width - x)
        canvas.fill(row: row, col: x, width: col + width - x, role: padRole ?? role)
        if focused {
            let offset = marker + graphemes[start..<cursor].reduce(0) { $0 + TextWidth.cells($1) }
            canvas.cursor = (row, col + min(offset, width - 1))
        }
    }
}
