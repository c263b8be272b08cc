import CustomerKit

extension CustomerFormScreen {
    /// Checks everything with the shared table; saves only when nothing is wrong.
    mutating func save() -> [ScreenCommand] {
        leaveFocus()
        var firstInvalid: Focus?
        var count = 0
        for index in fields.indices where fields[index].checkForSave() != nil {
            count += 1
            if firstInvalid == nil { firstInvalid = .text(index) }
        }
        let current = draft
        // The pair lists' own problems (an empty or repeated key, a mapping the rules refuse).
        for issue in current.issues() {
            guard let list = PairList.allCases.first(where: { $0.field == issue.field }) else { continue }
            count += 1  // one issue per list at most (CustomerDraft.issues)
            if firstInvalid == nil { firstInvalid = .pairs(list) }
            notice = (issue.message, true)
        }
        if let firstInvalid {
            focus = firstInvalid
            let detail = focusedField.flatMap { field in field.rule.check(field.text)?.message }
            notice = (detail ?? notice?.text ?? "", true)
            if count > 1 { notice = ("\(count) fields need attention. " + (notice?.text ?? ""), true) }
            return []
        }
        switch mode {
        case .create:
            saving = true
            return [requests.ask(.create(current.createRequest()), as: .save)]
        case .edit(let original):
            let request = current.updateRequest(from: original)
            if request.isEmpty { return [.pop(.cancelled), .status("Nothing changed.", isError: false)] }
            // Only if nobody saved it since the form opened (the backend checks in the write
            // itself): otherwise the operator decides, instead of one edit silently winning.
            saving = true
            pendingUpdate = request
            return [requests.ask(.update(.id(original.id), request, expecting: original.updatedAt), as: .save)]
        }
    }

    public mutating func receive(_ result: BackendResult, for ticket: RequestTicket) -> [ScreenCommand] {
        guard requests.isCurrent(ticket) else { return [] }
        switch (ticket.purpose, result) {
        case (.save, .created(let customer)), (.save, .updated(let customer)):
            saving = false
            pendingUpdate = nil
            guard startsNextAfterSave else { return [.pop(.saved(customer))] }
            // The list below takes the saved customer; the next form opens over it at once.
            return [.pop(.saved(customer)), .push(.create)]
        case (.save, .failed(.versionConflict(_, let theirs), .update)):
            return refused(for: theirs)
        case (.parent, .customer(let parent)):
            parentLabel = Self.parentLabel(parent)
            return []
        case (.integrations, .integrations(let mappings, _, let kept)):
            integrationsArrived(mappings, kept: kept)
            return []
        case (.parentSearch, .parents(let page)):
            showParentCandidates(page)
            return []
        case (let purpose, .failed(let error, let effect)):
            switch purpose {
            case .save:
                saving = false
                pendingUpdate = nil
                if case .transport(.cancelled, _) = error {
                    let maybe = if case .create = effect { " The customer may exist already; saving again will say so." } else { "" }
                    notice = ("Cancelled; nothing you typed was lost." + maybe, false)
                    return []
                }
                return landOnFields(error)
            case .parentSearch:
                notice = ("Parent search failed: \(error.message)", true)
            case .integrations:
                // The mappings cannot be edited without knowing them; the rest of the form can.
                integrationsState = .failed(error.message)
                if focus == .pairs(.integrations) { focus = .pairs(.metadata) }
            default:
                break
            }
            return []
        default:
            return []
        }
    }

    /// Puts the backend's per-field errors on their fields and focuses the first; the form
    /// keeps every value.
    private mutating func landOnFields(_ error: CustomerError) -> [ScreenCommand] {
        var firstInvalid: Focus?
        var fieldErrors = error.fieldErrors
        if case .alreadyExists = error, fieldErrors[.externalID] != nil || error.details.isEmpty {
            fieldErrors[.externalID] = "already in use"
        }
        for (field, text) in fieldErrors.sorted(by: { $0.key < $1.key }) {
            if let index = fields.firstIndex(where: { $0.field == field }) {
                fields[index].show(Self.shortServerText(text, field: field))
                if firstInvalid == nil { firstInvalid = .text(index) }
            } else if let list = PairList.allCases.first(where: { $0.field == field }), firstInvalid == nil {
                firstInvalid = .pairs(list)
            } else if field == .parentCustomerID || field == .parentCustomerExternalID, supportsParents, firstInvalid == nil {
                firstInvalid = .parent
            }
        }
        if let firstInvalid { focus = firstInvalid }
        // The reassurance first: a long server message may not fit whole on a small screen.
        notice = ("Not saved; nothing you typed was lost. \(error.description).", true)
        return []
    }

    /// Backend sentences often repeat the label ("Name: required"); beside the field, drop it.
    private static func shortServerText(_ text: String, field: CustomerField) -> String {
        let prefix = field.label + ": "
        return text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : text
    }
}
