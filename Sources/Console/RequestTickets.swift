/// What one of a screen's backend requests is for. A screen can have several requests under
/// way at once (the list's pages, the detail's customer and its children, the form's parent
/// search and its save); the purpose says which of its questions a result answers.
public enum RequestPurpose: Sendable, Hashable {
    /// Rows of the list.
    case page
    /// The screen's own customer, read again.
    case customer
    /// The customer's parent (to open it, or to show it by name).
    case parent
    case children
    /// Candidates for the form's parent field, for what is typed there now.
    case parentSearch
    case save
    case delete
    case audit
    /// Tab in a path field.
    case pathCompletion
    /// An import's check or run, an export.
    case bulk
    /// The list's `g`: a customer by id or external id.
    case goTo
    /// The customer's integration mappings.
    case integrations
}

/// Names one request a screen made: its purpose and a number no earlier request of that screen
/// had. The result comes back with the same ticket.
public struct RequestTicket: Sendable, Hashable {
    public let purpose: RequestPurpose
    let number: Int
}

/// Which screen asked, and with which ticket: where the runtime sends a result.
public struct RequestOrigin: Sendable, Hashable {
    public let screen: ScreenID
    public let ticket: RequestTicket
}

/// The one way every screen matches backend results to the requests that caused them.
///
/// A screen asks through its `RequestTickets`, which gives each request a ticket; the runtime
/// returns each result with its ticket, and the screen takes it only if `isCurrent` says so.
/// Asking again for a purpose supersedes what is still under way for it (the parent search
/// for the previous keystroke, the customer read before a reload), so a late answer to an
/// older question never overwrites a newer one. Where several requests of one purpose belong
/// together (the pages of one list query), they are asked without superseding, and
/// `supersede` ends them all when the question changes.
struct RequestTickets: Sendable {
    private var issued = 0
    /// Per purpose, the first ticket number still current: older ones are superseded.
    private var firstCurrent: [RequestPurpose: Int] = [:]

    /// `effect` as a command, under a new ticket for `purpose`; unless `superseding` is false,
    /// earlier requests for the same purpose stop being current.
    mutating func ask(_ effect: ConsoleEffect, as purpose: RequestPurpose, superseding: Bool = true) -> ScreenCommand {
        issued += 1
        if superseding { firstCurrent[purpose] = issued }
        return .effect(effect, RequestTicket(purpose: purpose, number: issued))
    }

    /// Ends every request for `purpose` still under way: their results will not be current.
    mutating func supersede(_ purpose: RequestPurpose) {
        firstCurrent[purpose] = issued + 1
    }

    /// True when `ticket` answers a question the screen still has.
    func isCurrent(_ ticket: RequestTicket) -> Bool {
        ticket.number >= firstCurrent[ticket.purpose, default: 0]
    }
}
