import CustomerKit
import TerminalUI

extension CustomerFormScreen {
    public mutating func handle(_ key: Key) -> [ScreenCommand] {
        if saving {
            // Esc stops a slow save; other keys would be lost when the answer arrives, so the
            // form says so instead of taking them.
            if key == .escape {
                notice = ("Cancelling…", false)
                return [.cancelRequests]
            }
            notice = ("Saving… Esc cancels.", false)
            return []
        }
        notice = nil
        // Only the conflict's own keys work until the operator has chosen.
        if conflict != nil { return handleConflict(key) }
        let action = currentKeys.action(for: key)
        if let action, action != .edit { return perform(action, key: key) }
        return type(key)
    }

    private mutating func perform(_ action: Action, key: Key) -> [ScreenCommand] {
        switch action {
        case .next: return moveFocus(by: 1)
        case .previous: return moveFocus(by: -1)
        case .enter: return enter()
        case .save, .saveAndNew:
            if let list = editingList, let problem = self[keyPath: list.editor].commit() {
                notice = (problem, true)
                return []
            }
            startsNextAfterSave = action == .saveAndNew
            return save()
        case .cancel: return cancel()
        case .edit: return type(key)
        case .removePair:
            if let list = focusedList { self[keyPath: list.editor].removeCurrent() }
            return []
        case .toggleSide:
            if let list = editingList { self[keyPath: list.editor].toggleSide() }
            return []
        case .choose:
            if let list = editingList { return keepPair(list) }
            return takeSuggestion()
        case .chooseNext: return step(by: 1)
        case .choosePrevious: return step(by: -1)
        }
    }

    /// A key for the focused field (printable text, paste, editing keys).
    private mutating func type(_ key: Key) -> [ScreenCommand] {
        if let list = editingList {
            self[keyPath: list.editor].type(key)
            return []
        }
        switch focus {
        case .text(let index):
            let before = fields[index].text
            _ = fields[index].input.handle(key)
            if let refusal = fields[index].input.lastRefusal { notice = (fields[index].explain(refusal), true) }
            guard fields[index].text != before else { return [] }
            fields[index].edited()
            if fields[index].field == .addressCountry { updateCountrySuggestions() }
            return []
        case .pairs(let list):
            typeOnPairRow(list, key)
            return []
        case .parent:
            return typeInParent(key)
        }
    }

    private mutating func enter() -> [ScreenCommand] {
        switch focus {
        case .pairs(let list):
            self[keyPath: list.editor].beginEdit(width: fieldWidth / 2)
            return []
        case .parent:
            return save()
        case .text:
            return enterOnward()
        }
    }

    /// Enter moving through the form: the next field, or save on the last one.
    mutating func enterOnward() -> [ScreenCommand] {
        if focusOrder.last == focus { return save() }
        return moveFocus(by: 1)
    }

    mutating func moveFocus(by delta: Int) -> [ScreenCommand] {
        leaveFocus()
        let order = focusOrder
        let current = order.firstIndex(of: focus) ?? 0
        focus = order[min(max(0, current + delta), order.count - 1)]
        if let list = focusedList { self[keyPath: list.editor].row = delta > 0 ? 0 : self[keyPath: list.editor].pairs.count }
        return []
    }

    /// Leaving a field checks it and closes its suggestions.
    mutating func leaveFocus() {
        suggestions.close()
        if case .text(let index) = focus { fields[index].blurred() }
        if focus == .parent { parentInput.setText("") }
    }

    private mutating func cancel() -> [ScreenCommand] {
        if let list = editingList {
            self[keyPath: list.editor].cancelEdit()
            return []
        }
        if !suggestions.isEmpty {
            suggestions.close()
            return []
        }
        if hasUnsavedChanges {
            return [.confirm(ConfirmRequest(question: "Discard the changes to this customer?",
                                            detail: "Everything typed in this form will be lost.",
                                            tag: .discardChanges))]
        }
        return [.pop(.cancelled)]
    }

    public mutating func confirmed(_ tag: ConfirmRequest.Tag) -> [ScreenCommand] {
        tag == .discardChanges ? [.pop(.cancelled)] : []
    }

    /// ↑/↓ in a mode that has them: through the open suggestions, else between the metadata rows.
    private mutating func step(by delta: Int) -> [ScreenCommand] {
        if !suggestions.isEmpty {
            suggestions.move(by: delta)
            return []
        }
        if let list = focusedList { return stepPairRow(list, by: delta) }
        return []
    }
}
