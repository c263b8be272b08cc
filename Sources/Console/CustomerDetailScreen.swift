import CustomerKit
import TerminalUI

/// Every field of one customer, including its bookkeeping, metadata, parent and children.
/// Enter on a child opens it.
public struct CustomerDetailScreen: ConsoleScreen {
    enum Action: Sendable {
        case back, edit, delete, reload, up, down, open, openParent, pageUp, pageDown, copyID, copyExternalID, copyAsNew
    }

    static let keys = KeyMap<Action>([
        KeyBinding([.escape, .left], label: "Esc", footer: "back", help: "Back to the previous screen", action: .back, priority: 9),
        KeyBinding([.character("e")], footer: "edit", help: "Edit this customer (not once it is deleted)", action: .edit, priority: 8),
        KeyBinding([.character("d")], footer: "delete", help: "Delete (archive) this customer, after asking", action: .delete, priority: 7),
        KeyBinding(each: [(.up, .up), (.down, .down)], label: "↑↓", footer: "child",
                   help: "Select a child customer (scroll when there are none)", priority: 4),
        KeyBinding([.enter], footer: "open child", help: "Open the selected child customer", action: .open, priority: 5),
        KeyBinding([.character("p")], footer: "parent", help: "Open the parent customer", action: .openParent, priority: 3),
        KeyBinding([.character("r")], footer: "reload", help: "Reload this customer", action: .reload, priority: 2),
        KeyBinding([.pageDown], label: "PgDn", footer: "more", help: "Scroll down (long values and metadata wrap)", action: .pageDown, priority: 6),
        KeyBinding([.pageUp], label: "PgUp", footer: "back up", help: "Scroll up", action: .pageUp, priority: 1),
        KeyBinding([.character("c")], footer: "copy as new", help: "Start a new customer from this one: every field but its ids",
                   action: .copyAsNew, priority: 1),
        KeyBinding(each: [(.character("y"), .copyID), (.character("Y"), .copyExternalID)], label: "y/Y", footer: "copy id",
                   help: "Copy this customer's id (Y: its external id) to the clipboard, over SSH too", priority: 1),
    ])

    /// The keys that work now: no edit for a deleted customer, no child keys without children,
    /// the scroll keys only when there is more to see.
    var currentKeys: KeyMap<Action> {
        let layout = bodyLayout(in: area)
        return KeyMap(Self.keys.bindings.filter { binding in
            switch binding.action {
            case .edit, .delete: customer.status != .archived
            case .open: !children.isEmpty
            case .up, .down: !children.isEmpty || layout.overflows
            case .pageDown: layout.moreBelow
            case .pageUp: layout.moreAbove
            default: true
            }
        })
    }

    public let id: ScreenID
    private(set) var customer: Customer
    private(set) var children: [Customer] = []
    private(set) var childrenTotal: Int?
    private(set) var selectedChild = 0
    private(set) var scroll = 0
    /// The customer's integration mappings once read (nil: still loading; see `integrationsProblem`).
    private(set) var integrations: [IntegrationEntityMapping]?
    private(set) var integrationsProblem: String?
    private var requests = RequestTickets()
    private(set) var area = Area(row: 1, col: 0, width: 80, height: 21)

    public init(id: ScreenID, customer: Customer) {
        self.id = id
        self.customer = customer
    }

    public var title: String { customer.displayName }

    public mutating func start() -> [ScreenCommand] {
        [requests.ask(.loadCustomer(id: customer.id), as: .customer), requests.ask(.loadChildren(parentID: customer.id), as: .children),
         requests.ask(.loadIntegrations(customerID: customer.id), as: .integrations)]
    }

    public mutating func layout(_ area: Area) -> [ScreenCommand] {
        self.area = area
        return []
    }

    public mutating func handle(_ key: Key) -> [ScreenCommand] {
        guard let action = Self.keys.action(for: key) else { return [] }
        switch action {
        case .back: return [.pop(.cancelled)]
        case .edit:
            if customer.status == .archived {
                return [.status("This customer is deleted (archived); a deleted customer cannot be edited.", isError: true)]
            }
            return [.push(.edit(customer))]
        case .delete:
            if customer.status == .archived { return [.status("This customer is already deleted.", isError: true)] }
            return [.confirm(.delete(customer))]
        case .reload: return start()
        case .up:
            if children.isEmpty { scrollFields(by: -1) } else { selectedChild = max(0, selectedChild - 1) }
        case .down:
            if children.isEmpty { scrollFields(by: 1) } else { selectedChild = min(children.count - 1, selectedChild + 1) }
        case .open:
            guard children.indices.contains(selectedChild) else { return [] }
            return [.push(.detail(children[selectedChild]))]
        case .openParent:
            guard let parent = customer.parentCustomerID, !parent.isEmpty else {
                return [.status("This customer has no parent.", isError: false)]
            }
            return [requests.ask(.loadCustomer(id: parent), as: .parent)]
        case .pageUp: scrollFields(by: -pageStep)
        case .pageDown: scrollFields(by: pageStep)
        case .copyAsNew: return [.push(.createCopy(of: customer))]
        case .copyID: return [.copy(customer.id, what: "id")]
        case .copyExternalID: return [.copy(customer.externalID, what: "external id")]
        }
        return []
    }

    private mutating func scrollFields(by delta: Int) {
        scroll = min(max(0, scroll + delta), maxScroll)
    }

    public mutating func confirmed(_ tag: ConfirmRequest.Tag) -> [ScreenCommand] {
        if case .delete(let id) = tag { return [requests.ask(.delete(id: id), as: .delete)] }
        return []
    }

    public mutating func resumed(after outcome: PopOutcome) -> [ScreenCommand] {
        if case .saved(let saved) = outcome, saved.id == customer.id {
            customer = saved
            return [.status("Saved \(saved.displayName).", isError: false), requests.ask(.loadChildren(parentID: saved.id), as: .children),
                    requests.ask(.loadIntegrations(customerID: saved.id), as: .integrations)]
        }
        return start()
    }

    public mutating func receive(_ result: BackendResult, for ticket: RequestTicket) -> [ScreenCommand] {
        guard requests.isCurrent(ticket) else { return [] }
        switch (ticket.purpose, result) {
        case (.customer, .customer(let loaded)):
            customer = loaded
        case (.parent, .customer(let parent)):
            // Opened once: a second press of `p` asks again.
            requests.supersede(.parent)
            return [.push(.detail(parent))]
        case (.children, .children(let page, _)):
            children = page.items
            childrenTotal = page.total
            selectedChild = min(selectedChild, max(0, children.count - 1))
        case (.delete, .deleted):
            return [.pop(.deleted(id: customer.id))]
        case (.children, .failed):
            childrenTotal = nil
        case (.integrations, .integrations(let mappings, _, _)):
            integrations = mappings
            integrationsProblem = nil
        case (.integrations, .failed(let error, _)):
            // A part of the screen, not a reason to interrupt the operator.
            integrations = nil
            integrationsProblem = error.message
        case (.delete, .failed(let error, _)):
            return [.status("Delete failed: \(error.message)", isError: true)]
        case (_, .failed(let error, _)):
            return [.status("Could not load: \(error.message)", isError: true)]
        default:
            break
        }
        return []
    }

    public var keys: KeyMap<Void> { currentKeys.erased }

    public var help: HelpOverlay.Content { HelpOverlay.Content(title: "Customer keys", keys: Self.keys) }
}
