import CustomerKit
import TerminalUI

extension CustomerFormScreen {
    /// Rows of the layout inside the body area.
    struct Layout {
        let hint: Int
        let firstField: Int
        let metadataTop: Int
        let metadataRows: Int
        let parentRow: Int?
        let noticeRow: Int
    }

    var layoutRows: Layout {
        let noticeRow = area.bottom - 1
        let firstField = area.row + 1
        let roomy = area.height >= 18
        let metadataTop = firstField + fields.count + (roomy ? 1 : 0)
        let parentRow: Int? = supportsParents ? noticeRow - (roomy ? 2 : 1) : nil
        let metadataEnd = (parentRow ?? noticeRow) - (roomy ? 1 : 0)
        return Layout(hint: area.row, firstField: firstField, metadataTop: metadataTop,
                      metadataRows: max(1, metadataEnd - metadataTop), parentRow: parentRow, noticeRow: noticeRow)
    }

    public func render(into canvas: Canvas, area: Area) {
        let layout = layoutRows
        let fieldCol = area.col + Self.fieldColumn
        let sideCol = fieldCol + fieldWidth + 1
        let sideWidth = max(0, area.col + area.width - sideCol - 1)
        canvas.draw(saving ? "Saving…" : "Fields marked * are required. Ctrl-S or F2 saves from any field.",
                    row: layout.hint, col: area.col + 2, role: .hint, width: area.width - 4)

        for (index, field) in fields.enumerated() {
            let row = layout.firstField + index
            let focused = focus == .text(index) && metadata.editing == nil
            renderLabel(field.field.label + (field.rule.required ? " *" : ""), row: row, focused: focused, into: canvas)
            InputField.render(field.input, row: row, col: fieldCol, width: fieldWidth, focused: focused, into: canvas)
            if let error = field.error {
                canvas.draw(error, row: row, col: sideCol, role: .error, width: sideWidth)
            } else if focused, let counter = field.counter {
                canvas.draw(counter, row: row, col: sideCol, role: .counter, width: sideWidth)
            }
        }

        renderMetadata(layout: layout, fieldCol: fieldCol, into: canvas)
        if let parentRow = layout.parentRow { renderParent(row: parentRow, fieldCol: fieldCol, into: canvas) }
        if let notice {
            // Read whole: a long notice grows upwards over the rows above it until the next key.
            canvas.drawWrapped(notice.text, endingAt: layout.noticeRow, col: area.col + 2, width: area.width - 4,
                               maxRows: ConsoleApp.messageRows(for: area.height + 3), role: notice.isError ? .error : .hint,
                               fill: .text)
        }
        renderSuggestions(layout: layout, fieldCol: fieldCol, into: canvas)
        if let conflict { renderConflict(conflict, into: canvas, area: area) }
    }

    /// Focus is shown by a marker beside the label only, so moving between fields rewrites
    /// two cells rather than two whole fields (the bytes-per-field-change budget).
    func renderLabel(_ label: String, row: Int, focused: Bool, into canvas: Canvas) {
        if focused { canvas.draw("▸", row: row, col: area.col + 1, role: .label, width: 1) }
        canvas.draw(label, row: row, col: area.col + 3, role: focused ? .label : .text, width: Self.fieldColumn - 4)
    }
}
