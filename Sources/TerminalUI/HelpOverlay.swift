/// The "?" screen: a centred box listing a screen's key bindings (all their keys, and the long
/// help text), grouped under headings by what the operator is doing, so help can never drift
/// from what the keys really do. Scrolls when it does not fit (Down/PgDn, Up/PgUp).
public enum HelpOverlay {
    /// One row of help.
    public enum Line: Sendable, Equatable {
        /// A group's title ("Editing a metadata pair").
        case heading(String)
        /// The keys (as shown: "^S, F2") and what they do.
        case binding(keys: String, help: String)
        /// A sentence where no single key does the job ("Type to search").
        case note(String)
    }

    /// What a screen's help shows.
    public struct Content: Sendable, Equatable {
        public var title: String
        public var lines: [Line]

        public init(title: String, lines: [Line]) {
            self.title = title
            self.lines = lines
        }

        /// Every binding of one key map, in table order.
        public init<Action>(title: String, keys map: KeyMap<Action>) {
            self.init(title: title, lines: HelpOverlay.lines(map))
        }
    }

    /// A key map's bindings as help lines.
    public static func lines<Action>(_ map: KeyMap<Action>) -> [Line] {
        map.bindings.map { .binding(keys: $0.keyNames, help: $0.help) }
    }

    /// Groups of bindings under headings; a binding already listed (same keys, same help) in an
    /// earlier group is not repeated.
    public static func lines<Action>(sections: [(heading: String, keys: KeyMap<Action>, notes: [String])]) -> [Line] {
        var seen = Set<String>()
        var out: [Line] = []
        for section in sections {
            let fresh = section.keys.bindings.filter { seen.insert($0.keyNames + "\u{0}" + $0.help).inserted }
            guard !fresh.isEmpty || !section.notes.isEmpty else { continue }
            if !out.isEmpty { out.append(.note("")) }
            out.append(.heading(section.heading))
            out += section.notes.map { Line.note($0) }
            out += fresh.map { .binding(keys: $0.keyNames, help: $0.help) }
        }
        return out
    }

    /// Number of rows the overlay can show on a canvas of this size.
    public static func visibleRows(on size: Size, count: Int) -> Int {
        max(0, min(count, size.rows - 2))
    }

    /// The largest useful `scroll` for this many lines on this canvas.
    public static func maxScroll(on size: Size, count: Int) -> Int {
        max(0, count - visibleRows(on: size, count: count))
    }

    /// Draws a key map's bindings (see `render(_:into:scroll:)`).
    public static func render<Action>(_ map: KeyMap<Action>, title: String = "Help", into canvas: Canvas,
                                      scroll: Int = 0) {
        render(Content(title: title, keys: map), into: canvas, scroll: scroll)
    }

    /// Draws the overlay. `scroll` is the first line shown when they do not all fit; "more"
    /// markers on the box's edges say which way there is more, and with which key.
    public static func render(_ content: Content, into canvas: Canvas, scroll: Int = 0) {
        let size = canvas.size
        let lines = content.lines
        guard size.cols >= 10, size.rows >= 3, !lines.isEmpty else { return }
        var keyCells = 0, helpCells = 0
        for line in lines {
            switch line {
            case let .binding(keys, help):
                keyCells = max(keyCells, TextWidth.cells(keys))
                helpCells = max(helpCells, TextWidth.cells(help))
            case .heading(let text), .note(let text):
                helpCells = max(helpCells, TextWidth.cells(text) - keyCells - 2)
            }
        }
        let keyColumn = min(keyCells, size.cols / 3)
        let width = min(size.cols, max(TextWidth.cells(content.title) + 6, keyColumn + helpCells + 6, 30))
        let rows = visibleRows(on: size, count: lines.count)
        let height = rows + 2
        let top = (size.rows - height) / 2
        let left = (size.cols - width) / 2
        Box.draw(into: canvas, row: top, col: left, width: width, height: height, role: .border,
                 title: content.title, titleRole: .dialogTitle, fill: .dialog)

        let first = min(max(0, scroll), lines.count - rows)
        let inner = left + width - 1
        for (offset, line) in lines[first..<first + rows].enumerated() {
            let row = top + 1 + offset
            switch line {
            case let .binding(keys, help):
                canvas.draw(keys, row: row, col: left + 2, role: .key, width: keyColumn)
                let helpStart = left + 2 + keyColumn + 2
                canvas.draw(help, row: row, col: helpStart, role: .dialog, width: inner - helpStart)
            case .heading(let text):
                canvas.draw(text, row: row, col: left + 2, role: .dialogTitle, width: inner - left - 2)
            case .note(let text):
                canvas.draw(text, row: row, col: left + 2, role: .dialog, width: inner - left - 2)
            }
        }
        if first + rows < lines.count {
            let marker = canvas.asciiOnly ? " v more: PgDn " : " ↓ more: PgDn "
            canvas.draw(marker, row: top + height - 1, col: left + width - 1 - TextWidth.cells(marker) - 1,
                        role: .hint, width: nil)
        }
        if first > 0 {
            let marker = canvas.asciiOnly ? " ^ more: PgUp " : " ↑ more: PgUp "
            canvas.draw(marker, row: top, col: left + width - 1 - TextWidth.cells(marker) - 1, role: .hint, width: nil)
        }
    }
}
