import BulkTransfer
import TerminalUI

/// A file path typed in a bulk screen, with Tab completion: the runtime lists the folder (an
/// effect), and the answer completes what is common to every match and shows the matches.
struct PathField: Sendable {
    var input: TextFieldState
    /// The matches of the last Tab, shown under the field until the next key.
    private(set) var matches: [String] = []

    init(text: String = "") {
        input = TextFieldState(text: text, displayWidth: 50)
    }

    var text: String { input.text }

    /// A typing key; true when the text changed.
    mutating func type(_ key: Key) -> Bool {
        let before = input.text
        _ = input.handle(key)
        if input.text != before { matches = [] }
        return input.text != before
    }

    /// The folder's answer to a Tab; ignored when the operator typed on meanwhile.
    mutating func complete(_ found: [String], typed: String) -> String? {
        guard typed == input.text else { return nil }
        matches = found.count > 1 ? found : []
        let common = BulkPaths.commonPrefix(found)
        if common.count > typed.count { input.setText(common) }
        if found.isEmpty { return "Nothing matches “\(typed)”." }
        return nil
    }

    /// The matches as one line of names (the part after the folder), for under the field.
    var matchLine: String {
        matches.map { match in
            let trimmed = match.hasSuffix("/") ? String(match.dropLast()) : match
            let name = trimmed.split(separator: "/").last.map(String.init) ?? trimmed
            return name + (match.hasSuffix("/") ? "/" : "")
        }.joined(separator: "  ")
    }

    func render(into canvas: Canvas, row: Int, col: Int, width: Int, label: String) {
        canvas.draw(label, row: row, col: col, role: .label, width: 6)
        InputField.render(input, row: row, col: col + 6, width: max(10, width - 6), focused: true, into: canvas)
        if !matches.isEmpty {
            canvas.draw(matchLine, row: row + 1, col: col + 6, role: .hint, width: max(10, width - 6))
        }
    }
}
