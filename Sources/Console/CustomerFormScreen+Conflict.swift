import CustomerKit
import TerminalUI

extension CustomerFormScreen {
    /// The lines of the conflict box's body: for each field they changed, its name (marked when
    /// both sides changed it: overwriting drops their value), then what it was, theirs and
    /// yours, each wrapped so that values sharing a long start can still be told apart.
    func conflictLines(_ conflict: EditConflict, width: Int) -> [(text: String, role: Role)] {
        var lines: [(text: String, role: Role)] = []
        let valueWidth = max(8, width - 12)
        for difference in conflict.differences {
            let mark = difference.clashes ? "! " : "  "
            let note = difference.clashes ? "  (you both changed it)" : ""
            lines.append((mark + difference.field.label + note, difference.clashes ? .error : .dialogTitle))
            for (label, value) in [("was", difference.original), ("theirs", difference.theirs), ("yours", difference.mine)] {
                let rows = TextWrap.rows(value.isEmpty ? "(empty)" : value, cells: valueWidth)
                for (index, row) in rows.enumerated() {
                    let head = index == 0 ? label.padding(toLength: 8, withPad: " ", startingAt: 0) : String(repeating: " ", count: 8)
                    lines.append(("    " + head + row, .dialog))
                }
            }
        }
        return lines
    }

    /// The box's geometry in the body area: its top row, width and height.
    func conflictBox(_ conflict: EditConflict, area: Area) -> (top: Int, width: Int, height: Int, lines: [(text: String, role: Role)]) {
        let width = area.width - 4
        let lines = conflictLines(conflict, width: width - 4)
        let height = min(area.height, lines.count + 5)
        return (area.row + max(0, (area.height - height) / 2), width, height, lines)
    }

    /// The largest scroll that still shows something new.
    var maxConflictScroll: Int {
        guard let conflict else { return 0 }
        let box = conflictBox(conflict, area: area)
        return max(0, box.lines.count - max(1, box.height - 5))
    }

    /// The conflict box: who saved when, each field they changed (was / theirs / yours), and
    /// the choices, drawn from the conflict's own key map. Scrolls when the changes do not fit.
    func renderConflict(_ conflict: EditConflict, into canvas: Canvas, area: Area) {
        let (top, width, height, lines) = conflictBox(conflict, area: area)
        let left = area.col + 2
        let deleted = conflict.theirs.status == .archived
        Box.draw(into: canvas, row: top, col: left, width: width, height: height, role: .border,
                 title: deleted ? "Deleted by someone else" : "Changed by someone else", fill: .dialog)
        let who = conflict.theirs.updatedBy.isEmpty ? "someone" : conflict.theirs.updatedBy
        let when = "\(conflict.theirs.updatedAt.text.prefix(19)) UTC"
        let headline = deleted
            ? "\(who) deleted this customer at \(when): it cannot be saved. Your typing stays in the form."
            : "\(who) saved this customer at \(when)."
        canvas.drawWrapped(headline, row: top + 1, col: left + 2, width: width - 4, maxRows: 2, role: .dialogTitle)
        // Rows: border, headline (two), the changes, the keys, border.
        let bodyTop = top + 3
        let room = max(1, height - 5)
        let first = min(max(0, conflictScroll), max(0, lines.count - room))
        for (offset, line) in lines.dropFirst(first).prefix(room).enumerated() {
            canvas.draw(line.text, row: bodyTop + offset, col: left + 1, role: line.role, width: width - 2)
        }
        if first > 0 {
            canvas.draw(" ↑ more ", row: top, col: left + width - 10, role: .hint, width: 8)
        }
        if first + room < lines.count {
            canvas.draw(" ↓ more ", row: top + height - 1, col: left + width - 10, role: .hint, width: 8)
        }
        Footer.render(currentConflictKeys, into: canvas, row: top + height - 2, width: width - 4, col: left + 2,
                      labelRole: .key, textRole: .dialog)
        canvas.cursor = nil
    }
}
