import TerminalUI
import TestSupport

/// Text the fuzzers type and paste: every UTF-8 length, graphemes made of several code points,
/// and the hostile characters a terminal must never act on.
enum FuzzText {
    static let oneByte: [Character] = (0x20...0x7E).map { Character(Unicode.Scalar(UInt8($0))) }
    static let twoBytes: [Character] = ["é", "ß", "ñ", "Ω", "ж", "ü", "ø", "ı", "ŀ", "ǅ", "ʼ", "ש", "ع"]
    static let threeBytes: [Character] = ["日", "本", "語", "한", "€", "ก", "अ", "ｶ", "＿", "ー", "「", "ﬁ", "\u{3000}"]
    static let fourBytes: [Character] = ["🙂", "😀", "𝄞", "🚀", "𠀀", "🀄", "𝔸", "🧑"]
    /// Several code points, one grapheme.
    static let clusters: [Character] = ([
        "e\u{301}", "a\u{308}\u{304}", "\u{915}\u{94D}\u{937}", "🇩🇪", "🇺🇸", "🇯🇵",
        "👩\u{200D}👩\u{200D}👧\u{200D}👦", "👍🏽", "❤\u{FE0F}", "\u{1100}\u{1161}\u{11A8}",
        "Z\u{36B}\u{33F}\u{344}\u{353}\u{334}\u{358}\u{35C}", "🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}",
        "\r\n",
    ] as [String]).map { Character($0) }
    /// Things a terminal would act on or that hide what text really says.
    static let hostile: [Character] = [
        "\u{1B}", "\u{7}", "\u{0}", "\u{8}", "\u{9B}", "\u{85}", "\u{7F}", "\u{202E}", "\u{200B}", "\u{FEFF}",
        "\u{2028}", "\u{301}", "\u{378}", "\u{E000}", "\t", "\n", "\r", "\u{200D}", "\u{1F1E6}", "\u{FE0F}",
        "\u{DB7}",
    ]
    /// Short runs that are several graphemes: escape sequences and the like.
    static let sequences = ["\u{1B}[31m", "\u{1B}]0;owned\u{7}", "\u{1B}[2J", "\u{9B}6n", "a\u{202E}moc.evil",
                            "\u{1B}[200~", "\u{1B}[201~", "gstin", "pan", "hsn_sac", "27AAMCM4148E1ZD", "DE",
                            "germ", "united", "côte", "@", "a@b.co", " ", "  ", "cust_", "ext-1"]

    static let printable: [Character] = oneByte + twoBytes + threeBytes + fourBytes + clusters

    /// One grapheme, weighted towards the plain text operators type.
    static func character(_ rng: inout SplitMix64) -> Character {
        switch rng.below(100) {
        case 0..<55: return rng.pick(oneByte)
        case 55..<65: return rng.pick(twoBytes)
        case 65..<75: return rng.pick(threeBytes)
        case 75..<83: return rng.pick(fourBytes)
        case 83..<93: return rng.pick(clusters)
        default: return rng.pick(hostile)
        }
    }

    /// A string of `count` pieces (graphemes or short sequences).
    static func text(_ rng: inout SplitMix64, pieces count: Int) -> String {
        var out = ""
        for _ in 0..<count {
            if rng.chance(0.08) { out += rng.pick(sequences) } else { out.append(character(&rng)) }
        }
        return out
    }

    /// A paste body: usually short, sometimes long, rarely huge.
    static func paste(_ rng: inout SplitMix64) -> String {
        switch rng.below(1000) {
        case 0..<3:
            // Huge: one piece repeated (cheap to build), with a hostile tail.
            return String(repeating: text(&rng, pieces: rng.between(1, 4)), count: rng.between(2_000, 12_000))
                + text(&rng, pieces: 8)
        case 3..<60:
            return text(&rng, pieces: rng.between(50, 600))
        default:
            return text(&rng, pieces: rng.between(0, 40))
        }
    }
}

/// Every key `Key` can express that is not text: the special keys, F-keys, Ctrl and Alt keys.
enum FuzzKeys {
    static let special: [Key] = [
        .enter, .tab, .backTab, .escape, .backspace, .delete, .insert, .up, .down, .left, .right, .home, .end,
        .pageUp, .pageDown,
    ] + (1...12).map { Key.function($0) }

    /// Ctrl-A...Ctrl-Z except Ctrl-C, which the fuzzers send at their own (lower) rate.
    static let control: [Key] = "abdefghijklmnopqrstuvwxyz".map { Key.control($0) }

    static let alt: [Key] = "abcdfqxyz0?/ é".map { Key.alt($0) } + [.alt("b"), .alt("f"), .alt("b"), .alt("f")]

    /// Terminal sizes, many of them below the console's minimum (64×16).
    static let sizes: [Size] = [
        Size(cols: 80, rows: 24), Size(cols: 64, rows: 16), Size(cols: 63, rows: 16), Size(cols: 64, rows: 15),
        Size(cols: 0, rows: 0), Size(cols: 1, rows: 1), Size(cols: 10, rows: 3), Size(cols: 2, rows: 40),
        Size(cols: 200, rows: 5), Size(cols: 120, rows: 40), Size(cols: 65, rows: 17), Size(cols: 100, rows: 18),
        Size(cols: 70, rows: 20), Size(cols: 300, rows: 100), Size(cols: 81, rows: 25), Size(cols: 64, rows: 60),
    ]
}

/// A canvas that checks every drawing call against its bounds before handing it to a
/// `GridCanvas`: a screen must not ask to draw outside the canvas (above, below or left of
/// it, or past its right edge with an explicit width) even though the grid would clip it.
final class CheckedCanvas: Canvas {
    let grid: GridCanvas
    /// The first few out-of-bounds calls since the last `takeViolations`.
    private(set) var violations: [String] = []

    init(size: Size) { grid = GridCanvas(size: size) }

    var size: Size { grid.size }
    var asciiOnly: Bool { grid.asciiOnly }

    var cursor: (row: Int, col: Int)? {
        get { grid.cursor }
        set { grid.cursor = newValue }
    }

    func clear() { grid.clear() }

    func resize(to newSize: Size) { grid.resize(to: newSize) }

    @discardableResult
    func draw(_ text: String, row: Int, col: Int, role: Role, width: Int?) -> Int {
        let cells = text.isEmpty ? 0 : TextWidth.cells(text)
        let wanted = width.map { min(max(0, $0), cells) } ?? cells
        if wanted > 0 {
            let columns = width == nil ? min(wanted, max(0, size.cols - col)) : wanted
            check("draw \(String(reflecting: String(text.prefix(24)))) width \(width.map(String.init) ?? "nil")",
                  row: row, col: col, cells: max(1, columns))
        }
        return grid.draw(text, row: row, col: col, role: role, width: width)
    }

    func fill(row: Int, col: Int, width: Int, role: Role) {
        if width > 0 { check("fill width \(width)", row: row, col: col, cells: width) }
        grid.fill(row: row, col: col, width: width, role: role)
    }

    private func check(_ what: String, row: Int, col: Int, cells: Int) {
        guard violations.count < 8 else { return }
        if row < 0 || row >= size.rows || col < 0 || col + cells > size.cols {
            violations.append("\(what) at row \(row) col \(col) (\(cells) cells) on \(size)")
        }
    }

    func takeViolations() -> [String] {
        defer { violations = [] }
        return violations
    }

    /// Problems with what the grid holds: a row wider than the canvas, half a wide character,
    /// a control or bidi character that reached a cell, a cursor outside the canvas.
    func gridProblems() -> [String] {
        var problems: [String] = []
        let cols = size.cols
        for row in 0..<size.rows {
            var used = 0
            var column = 0
            while column < cols {
                let cell = grid.cell(row: row, col: column)
                if cell.isContinuation {
                    problems.append("row \(row) col \(column): continuation cell without a wide character")
                    column += 1
                    used += 1
                    continue
                }
                if let byte = cell.character.asciiValue, byte >= 0x20, byte < 0x7F {
                    // Printable ASCII (most cells): one cell, nothing to escape.
                    column += 1
                    used += 1
                    continue
                }
                let width = TextWidth.cells(cell.character)
                if width == 2 {
                    let next = column + 1 < cols ? grid.cell(row: row, col: column + 1) : nil
                    if next?.isContinuation != true {
                        problems.append("row \(row) col \(column): wide \(String(reflecting: cell.character)) not followed by its second half")
                    }
                    column += 2
                } else {
                    if width != 1 {
                        problems.append("row \(row) col \(column): \(String(reflecting: cell.character)) is \(width) cells")
                    }
                    column += 1
                }
                used += max(1, width)
                if SafeText.needsEscape(cell.character) {
                    problems.append("row \(row) col \(column): unsafe \(String(reflecting: cell.character)) reached the grid")
                }
            }
            if used > cols { problems.append("row \(row) is \(used) cells wide on a \(cols)-column canvas") }
            if problems.count > 8 { break }
        }
        if let cursor = grid.cursor, cursor.row < 0 || cursor.row >= size.rows || cursor.col < 0 || cursor.col >= cols {
            problems.append("cursor at row \(cursor.row) col \(cursor.col) outside \(size)")
        }
        return problems
    }
}
