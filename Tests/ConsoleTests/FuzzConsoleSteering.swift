@testable import Console
import CustomerKit
import TerminalUI

/// Steering: the keys that bring a fuzz run back where its plan aims, and what it reached.
extension ConsoleFuzzer {
    var form: CustomerFormScreen? { app.stack.last as? CustomerFormScreen }

    /// The key (or resize) that brings the console back towards the plan's target, if it
    /// strayed and the dice say so.
    mutating func steeringEvent() -> TerminalEvent? {
        guard plan.target != .anywhere, rng.chance(plan.steer) else { return nil }
        if app.isTooSmall { return .resize(plan.size) }
        let top = app.stack.last
        if case .confirm(let request, _)? = app.overlay {
            let leaving = top is CustomerFormScreen && !wantsForm
            return .key(.character(request.tag == .discardChanges && leaving ? "y" : "n"))
        }
        if case .help? = app.overlay { return .key(.escape) }
        if let list = top as? CustomerListScreen {
            if list.searching { return .key(.escape) }
            switch plan.target {
            case .list: return nil
            case .detail: return .key(list.selectedCustomer == nil ? .character("r") : .enter)
            case .createForm: return .key(.character("n"))
            case .editForm: return .key(list.selectedCustomer == nil ? .character("r") : .character("e"))
            case .metadata, .parent, .country: return .key(.character(rng.chance(0.5) ? "n" : "e"))
            case .restore, .anywhere: return nil
            }
        }
        if top is CustomerDetailScreen {
            switch plan.target {
            case .detail, .restore, .anywhere: return nil
            case .editForm: return .key(.character("e"))
            default: return .key(.escape)
            }
        }
        if top is DraftRestoreScreen { return plan.target == .restore ? nil : .key(.escape) }
        if let form {
            if form.saving { return nil }
            switch plan.target {
            case .list, .detail: return .key(.escape)
            case .createForm:
                if case .edit = form.mode { return .key(.escape) }
                return nil
            case .editForm:
                if case .create = form.mode { return .key(.escape) }
                return nil
            case .metadata: return focusKey(form, on: .pairs(.metadata))
            case .parent: return form.supportsParents ? focusKey(form, on: .parent) : .key(.escape)
            case .country: return focusKey(form, on: .text(CustomerDraft.textFields.firstIndex(of: .addressCountry)!))
            case .restore, .anywhere: return nil
            }
        }
        return nil
    }

    var isOnTarget: Bool {
        let top = app.stack.last
        let focus = (top as? CustomerFormScreen)?.focus
        switch plan.target {
        case .anywhere: return true
        case .list: return top is CustomerListScreen
        case .detail: return top is CustomerDetailScreen
        case .restore: return top is DraftRestoreScreen
        case .createForm, .editForm:
            guard let form = top as? CustomerFormScreen else { return false }
            if case .create = form.mode { return plan.target == .createForm }
            return plan.target == .editForm
        case .metadata: return focus == .pairs(.metadata)
        case .parent: return focus == .parent
        case .country: return focus == .text(CustomerDraft.textFields.firstIndex(of: .addressCountry)!)
        }
    }

    private var wantsForm: Bool {
        switch plan.target {
        case .createForm, .editForm, .metadata, .parent, .country: true
        default: false
        }
    }

    private func focusKey(_ form: CustomerFormScreen, on focus: CustomerFormScreen.Focus) -> TerminalEvent? {
        if form.conflict != nil { return .key(.escape) }
        if form.focus == focus { return nil }
        if form.metadata.editing != nil { return .key(.escape) }
        let order = form.focusOrder
        guard let here = order.firstIndex(of: form.focus), let there = order.firstIndex(of: focus) else { return nil }
        return .key(here < there ? .tab : .backTab)
    }

    mutating func noteState() {
        switch app.overlay {
        case .help?: seen.insert("help")
        case .confirm(let request, _)?:
            switch request.tag {
            case .delete: seen.insert("confirm delete")
            case .discardChanges: seen.insert("confirm discard")
            case .discardDraft: seen.insert("confirm discard draft")
            }
        case .typedConfirm?: seen.insert("typed confirm")
        case nil: break
        }
        if app.isTooSmall { seen.insert("too small") }
        let top = app.stack.last
        if let list = top as? CustomerListScreen {
            seen.insert(list.searching ? "list search" : "list")
            if list.status == .archived { seen.insert("archived list") }
        }
        if top is CustomerDetailScreen { seen.insert("detail") }
        if top is DraftRestoreScreen { seen.insert("restore") }
        if let form {
            if form.conflict != nil { seen.insert("conflict") }
            if form.saving { seen.insert("saving") }
            if !form.suggestions.isEmpty { seen.insert(form.focus == .parent ? "parent suggestions" : "country suggestions") }
            if form.metadata.editing != nil { seen.insert("pair editing") }
            if form.fields.contains(where: { $0.error != nil }) { seen.insert("field error") }
            if case .edit = form.mode { seen.insert("edit form") } else { seen.insert("create form") }
        }
    }
}

/// What the console looked like before a key, to judge a quit that follows it: only `q` on
/// the list, Ctrl-C, or "yes" to the console's own quit question may end it.
struct QuitContext {
    let onList: Bool
    let editingText: Bool
    let overlay: ConsoleApp.Overlay?
    let tooSmall: Bool

    init(_ app: ConsoleApp) {
        onList = app.stack.last is CustomerListScreen
        editingText = app.stack.last?.isEditingText ?? false
        overlay = app.overlay
        tooSmall = app.isTooSmall
    }

    func problem(quittingOn key: Key) -> String? {
        if key == .control("c") { return nil }
        if key == .character("q"), onList, !editingText, overlay == nil, !tooSmall { return nil }
        if key == .character("y") || key == .character("Y"), case .confirm(_, let asker)? = overlay,
           asker == ConsoleApp.appID {
            return nil
        }
        return "the console quit on \(key.displayName) (overlay \(String(describing: overlay)), list \(onList))"
    }
}
