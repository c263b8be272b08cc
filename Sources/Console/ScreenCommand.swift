import CustomerKit

/// Where a screen asks the console to go.
public enum ScreenRoute: Sendable, Hashable {
    case detail(Customer)
    case create
    /// A new customer that starts as a copy of this one (all but its ids).
    case createCopy(of: Customer)
    case edit(Customer)
    /// A form reopened from a kept draft.
    case restore(SavedDraft)
    /// The audit trail.
    case audit
    /// Import a CSV or JSON Lines file.
    case importFile
    /// Export the list's customers (its search, status, filters and order) to a file.
    case export(CustomerQuery)
    /// Choose the list's filters (country, a metadata pair), starting from these.
    case listFilter(ListFilter)
    /// The config file's profiles, to switch to another.
    case profiles
}

/// Why the screen above closed, told to the screen below so it can refresh.
public enum PopOutcome: Sendable, Hashable {
    case cancelled
    case saved(Customer)
    case deleted(id: String)
    /// Many customers may have changed (an import): the screen below reads them again.
    case changedMany
    /// The filter screen's choice, for the list below.
    case filtered(ListFilter)
}

/// A yes/no question the console asks on a screen's behalf; the answer comes back with the tag.
public struct ConfirmRequest: Sendable, Hashable {
    public enum Tag: Sendable, Hashable {
        case delete(id: String)
        case discardChanges
        case discardDraft(id: String)
    }

    public var question: String
    public var detail: String
    public var tag: Tag
    /// On a production profile, what the operator must type to say yes (a delete: the
    /// customer's external id); nil: y/n is enough everywhere.
    public var typeToConfirm: String?

    public init(question: String, detail: String = "", tag: Tag, typeToConfirm: String? = nil) {
        self.question = question
        self.detail = detail
        self.tag = tag
        self.typeToConfirm = typeToConfirm
    }
}

/// What a screen returns from `handle`/`receive`: effects to run and navigation to do.
public enum ScreenCommand: Sendable, Hashable {
    /// Backend work; its result comes back to `receive` with the ticket (see `RequestTickets`).
    case effect(ConsoleEffect, RequestTicket)
    case push(ScreenRoute)
    case pop(PopOutcome)
    case confirm(ConfirmRequest)
    /// A one-line message under the screen (errors in the error role).
    case status(String, isError: Bool)
    /// Stop the backend work this screen started (the operator pressed Esc on a slow request).
    case cancelRequests
    /// Delete a kept draft the operator chose to throw away.
    case forgetDraft(id: String)
    /// Put text on the operator's clipboard; `what` names it in the message ("id").
    case copy(String, what: String)
    /// Work on another of the config file's profiles (the console starts again on it).
    case switchProfile(String)
    case quit
}
