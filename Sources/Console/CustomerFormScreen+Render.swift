import CustomerKit
import TerminalUI

extension CustomerFormScreen {
    /// Rows of the layout inside the body area.
    struct Layout {
        let hint: Int
        let firstField: Int
        /// The pair lists that fit, each with its first row and its number of rows.
        let sections: [(list: PairList, top: Int, rows: Int)]
        let parentRow: Int?
        let noticeRow: Int
    }

    var layoutRows: Layout {
        let noticeRow = area.bottom - 1
        let firstField = area.row + 1
        let roomy = area.height >= 18
        let pairsTop = firstField + fields.count + (roomy ? 1 : 0)
        let parentRow: Int? = supportsParents ? noticeRow - (roomy ? 2 : 1) : nil
        let pairsEnd = (parentRow ?? noticeRow) - (roomy ? 1 : 0)
        // Every list gets a row; the rest go first to the focused list, then to the others in
        // order, each up to what it holds. A window with fewer rows than lists shows the first
        // ones (what is in the others stays in the draft).
        let room = max(1, pairsEnd - pairsTop)
        let lists = Array(pairLists.prefix(room))
        var rows = Dictionary(uniqueKeysWithValues: lists.map { ($0, 1) })
        var left = room - lists.count
        let byNeed = lists.filter { focus == .pairs($0) } + lists.filter { focus != .pairs($0) }
        for list in byNeed where left > 0 {
            let more = min(left, max(0, rowsWanted(by: list) - 1))
            rows[list, default: 1] += more
            left -= more
        }
        rows[.metadata, default: 1] += left
        var sections: [(list: PairList, top: Int, rows: Int)] = []
        var top = pairsTop
        for list in lists {
            sections.append((list, top, rows[list] ?? 1))
            top += rows[list] ?? 1
        }
        return Layout(hint: area.row, firstField: firstField, sections: sections, parentRow: parentRow, noticeRow: noticeRow)
    }

    /// The rows a list would use to show everything it holds.
    func rowsWanted(by list: PairList) -> Int {
        if list == .integrations, case .readOnly(let mappings) = integrationsState { return mappings.count + 1 }
        return self[keyPath: list.editor].rowCount
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
            let focused = focus == .text(index) && editingList == nil
            renderLabel(field.field.label + (field.rule.required ? " *" : ""), row: row, focused: focused, into: canvas)
            InputField.render(field.input, row: row, col: fieldCol, width: fieldWidth, focused: focused, into: canvas)
            if let error = field.error {
                canvas.draw(error, row: row, col: sideCol, role: .error, width: sideWidth)
            } else if focused, let counter = field.counter {
                canvas.draw(counter, row: row, col: sideCol, role: .counter, width: sideWidth)
            }
        }

        for section in layout.sections {
            renderPairs(section.list, top: section.top, rows: section.rows, fieldCol: fieldCol, into: canvas)
        }
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
