import CustomerKit
import TerminalUI

/// The edit conflict, all of it: someone else saved (or deleted) the customer while this form
/// was open, the backend refused the save (`version_conflict`), and the form shows what they
/// changed and lets the operator choose. Its keys, what they do and the box it draws live here;
/// `EditConflict` is the conflict itself (their version and the differences).
extension CustomerFormScreen {
    enum ConflictAction: Sendable, Equatable {
        case reload, overwrite, back
        /// Scroll the box by lines (±1) or by pages (±1).
        case lines(Int), pages(Int)
    }

    /// Keys while a conflicting save is shown.
    static let conflictKeys = KeyMap<ConflictAction>([
        KeyBinding([.character("r")], footer: "reload", help: "Take their version and keep your own changes on top", action: .reload, priority: 9),
        KeyBinding([.character("o")], footer: "overwrite", help: "Save your changes over theirs", action: .overwrite, priority: 8),
        KeyBinding([.escape], footer: "back", help: "Back to the form without saving", action: .back, priority: 7),
        KeyBinding(each: [(.down, .lines(1)), (.up, .lines(-1)),
                          (.pageDown, .pages(1)), (.pageUp, .pages(-1))],
                   label: "↑↓", footer: "scroll", help: "Scroll through what changed (PgUp/PgDn a page)", priority: 6),
    ])

    /// The conflict keys that apply to this conflict: a customer deleted meanwhile can be
    /// neither reloaded into the form nor overwritten (that would edit a deleted record).
    var currentConflictKeys: KeyMap<ConflictAction> {
        conflict?.theirs.status == .archived ? Self.archivedConflictKeys : Self.conflictKeys
    }

    private static let archivedConflictKeys = KeyMap(conflictKeys.bindings.filter {
        $0.action != .reload && $0.action != .overwrite
    })

    var conflictHints: KeyMap<Void> {
        conflict?.theirs.status == .archived ? Self.archivedConflictHints : Self.conflictHintsAll
    }

    private static let conflictHintsAll = conflictKeys.erased
    private static let archivedConflictHints = archivedConflictKeys.erased

    /// A key while the conflict is shown: only the conflict's own keys work.
    mutating func handleConflict(_ key: Key) -> [ScreenCommand] {
        switch currentConflictKeys.action(for: key) {
        case .reload?: return reloadTheirs()
        case .overwrite?: return overwrite()
        case .back?:
            conflict = nil
            pendingUpdate = nil
            notice = ("Not saved. Ctrl-S tries again.", false)
            return []
        case .lines(let lines)?:
            conflictScroll = min(max(0, conflictScroll + lines), maxConflictScroll)
            return []
        case .pages(let pages)?:
            conflictScroll = min(max(0, conflictScroll + pages * max(1, area.height - 10)), maxConflictScroll)
            return []
        case nil:
            return []
        }
    }

    /// The backend refused the edit: the customer is at a newer version, `theirs`.
    mutating func refused(for theirs: Customer) -> [ScreenCommand] {
        guard case .edit(let original) = mode, let request = pendingUpdate else { return [] }
        let found = EditConflict(original: original, theirs: theirs, mine: draft)
        // A save that changed nothing this form shows (only its time): go ahead on top of it.
        if found.differences.isEmpty && theirs.status == original.status {
            return [requests.ask(.update(.id(original.id), request, expecting: theirs.updatedAt), as: .save)]
        }
        saving = false
        conflict = found
        return []
    }

    /// Reload: their version, with this form's changes on top; the operator saves again.
    mutating func reloadTheirs() -> [ScreenCommand] {
        guard let conflict, conflict.theirs.status != .archived, case .edit(let original) = mode else { return [] }
        let merged = EditConflict.rebase(mine: draft, original: original, theirs: conflict.theirs)
        mode = .edit(conflict.theirs)
        initialDraft = CustomerDraft(customer: conflict.theirs)
        for index in fields.indices {
            fields[index].input.setText(merged[fields[index].field])
            fields[index].clear()
        }
        metadata = MetadataEditor(pairs: merged.metadata)
        // Mappings are not part of the conflict (they are not in a customer as read): the
        // form's stay as they are, sent again with the next save if changed.
        parentID = merged.parentCustomerID
        parentLabel = merged.parentCustomerID
        self.conflict = nil
        pendingUpdate = nil
        notice = ("Reloaded their version; your changes are kept on top. Ctrl-S saves.", false)
        return loadParentLabel()
    }

    /// Overwrite: send this form's changes as they are; fields only they changed stay theirs.
    /// Still conditional, on their version: a third save meanwhile is shown, not overwritten.
    mutating func overwrite() -> [ScreenCommand] {
        guard let conflict, conflict.theirs.status != .archived, case .edit(let original) = mode,
              let request = pendingUpdate else { return [] }
        self.conflict = nil
        saving = true
        return [requests.ask(.update(.id(original.id), request, expecting: conflict.theirs.updatedAt), as: .save)]
    }

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
