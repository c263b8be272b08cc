import CustomerKit
import TerminalUI

extension CustomerFormScreen {
    /// The conflict box: who saved when, each field they changed (was / theirs / yours), and
    /// the choices. Fields both sides changed are marked: overwriting drops their value.
    func renderConflict(_ conflict: EditConflict, into canvas: Canvas, area: Area) {
        let rows = conflict.differences.count
        let height = min(area.height, rows + 7)
        let width = area.width - 4
        let top = area.row + max(0, (area.height - height) / 2)
        let left = area.col + 2
        Box.draw(into: canvas, row: top, col: left, width: width, height: height, role: .border,
                 title: "Changed by someone else", fill: .dialog)
        let who = conflict.theirs.updatedBy.isEmpty ? "someone" : conflict.theirs.updatedBy
        var headline = "\(who) saved this customer at \(conflict.theirs.updatedAt.text.prefix(19)) UTC."
        if conflict.theirs.status != .published { headline += " It is now \(conflict.theirs.status.rawValue)." }
        canvas.draw(headline, row: top + 1, col: left + 2, role: .dialogTitle, width: width - 4)
        let column = max(8, (width - 22) / 3)
        canvas.draw("field", row: top + 3, col: left + 2, role: .header, width: 16)
        canvas.draw("was", row: top + 3, col: left + 19, role: .header, width: column)
        canvas.draw("theirs", row: top + 3, col: left + 19 + column + 1, role: .header, width: column)
        canvas.draw("yours", row: top + 3, col: left + 19 + 2 * (column + 1), role: .header, width: column)
        for (index, difference) in conflict.differences.enumerated() where top + 4 + index < top + height - 2 {
            let row = top + 4 + index
            let role: Role = difference.clashes ? .error : .dialog
            canvas.draw((difference.clashes ? "! " : "  ") + difference.field.label, row: row, col: left + 1, role: role,
                        width: 17)
            canvas.draw(difference.original, row: row, col: left + 19, role: .dialog, width: column)
            canvas.draw(difference.theirs, row: row, col: left + 19 + column + 1, role: .dialog, width: column)
            canvas.draw(difference.mine, row: row, col: left + 19 + 2 * (column + 1), role: role, width: column)
        }
        canvas.draw("r reload theirs, keep your changes on top   o overwrite   Esc back", row: top + height - 2,
                    col: left + 2, role: .hint, width: width - 4)
        canvas.cursor = nil
    }
}
