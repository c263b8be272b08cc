import Foundation
import CustomerKit
import TerminalUI

/// The customer list: newest first (or by name, email or last update), fetched a page at a
/// time as the operator scrolls, with search-as-you-type over name, email and external id,
/// filters by country and metadata, a published/archived switch and a jump to one customer.
public struct CustomerListScreen: ConsoleScreen {
    enum Action: Sendable {
        case up, down, pageUp, pageDown, home, end, search, new, open, edit, delete, reload
        case toggleStatus, quit, finishSearch, clearSearch, audit, importFile, export, copyID, copyExternalID, copyAsNew, profiles
        case cycleSort, reverseSort, filter, clearFilter, goTo, finishGoTo, cancelGoTo
    }

    static let listKeys = KeyMap<Action>([
        KeyBinding(each: [(.up, .up), (.down, .down)], label: "↑↓", footer: "move", help: "Move the selection", priority: 3),
        KeyBinding([.character("/")], footer: "search", help: "Search name, email and external id as you type", action: .search, priority: 9),
        KeyBinding([.character("n")], footer: "new", help: "Create a new customer", action: .new, priority: 9),
        KeyBinding([.enter], footer: "open", help: "Open the selected customer", action: .open, priority: 8),
        KeyBinding([.character("e")], footer: "edit", help: "Edit the selected customer", action: .edit, priority: 7),
        KeyBinding([.character("d")], footer: "delete", help: "Delete (archive) the selected customer, after asking", action: .delete, priority: 6),
        KeyBinding([.character("a")], footer: "archived", help: "Switch between published and archived (deleted) customers", action: .toggleStatus, priority: 4),
        KeyBinding([.character("r")], footer: "reload", help: "Reload from the backend", action: .reload, priority: 2),
        KeyBinding([.character("q")], footer: "quit", help: "Quit the console (Ctrl-C also quits)", action: .quit, priority: 5),
        KeyBinding([.escape], label: "Esc", footer: "clear search", help: "Clear the search kept with Enter", action: .clearSearch, priority: 10),
        KeyBinding([.character("L")], footer: "audit", help: "The audit trail: every change made from consoles and the CLI", action: .audit, priority: 1),
        KeyBinding([.character("i")], footer: "import", help: "Import customers from a CSV or JSON Lines file (checked first)", action: .importFile, priority: 1),
        KeyBinding([.character("x")], footer: "export", help: "Export this list (its search and status) to a file", action: .export, priority: 1),
        KeyBinding([.character("P")], footer: "profile", help: "Switch to another profile of the config file (production, sandbox, ...)",
                   action: .profiles, priority: 2),
        KeyBinding([.character("c")], footer: "copy as new", help: "Start a new customer from the selected one: every field but its ids",
                   action: .copyAsNew, priority: 1),
        KeyBinding(each: [(.character("y"), .copyID), (.character("Y"), .copyExternalID)], label: "y/Y", footer: "copy id",
                   help: "Copy the selected customer's id (Y: its external id) to the clipboard, over SSH too",
                   priority: 1),
        KeyBinding([.character("s")], footer: "sort", help: "Sort by the next key: created, name, email, updated",
                   action: .cycleSort, priority: 3),
        KeyBinding([.character("S")], footer: "reverse", help: "Reverse the sort order", action: .reverseSort, showInFooter: false),
        KeyBinding([.character("f")], footer: "filter", help: "Filter by country and a metadata key and value", action: .filter,
                   priority: 4),
        KeyBinding([.character("F")], footer: "no filter", help: "Clear the filters", action: .clearFilter, priority: 4),
        KeyBinding([.character("g")], footer: "go to", help: "Go straight to a customer by id or external id", action: .goTo,
                   priority: 4),
        KeyBinding([.pageUp], footer: "page up", help: "Up one screen", action: .pageUp, showInFooter: false),
        KeyBinding([.pageDown], footer: "page down", help: "Down one screen", action: .pageDown, showInFooter: false),
        KeyBinding([.home], footer: "first", help: "First customer", action: .home, showInFooter: false),
        KeyBinding([.end], footer: "last", help: "Last customer", action: .end, showInFooter: false),
    ])

    static let goToKeys = KeyMap<Action>([
        KeyBinding([.enter], footer: "open", help: "Open the customer with this id or external id", action: .finishGoTo, priority: 9),
        KeyBinding([.escape], label: "Esc", footer: "cancel", help: "Back to the list", action: .cancelGoTo, priority: 8),
    ])

    static let searchKeys = KeyMap<Action>([
        KeyBinding([.enter], footer: "done", help: "Keep the search and go back to the list keys", action: .finishSearch, priority: 9),
        KeyBinding([.escape], footer: "clear", help: "Clear the search", action: .clearSearch, priority: 8),
        KeyBinding(each: [(.up, .up), (.down, .down)], label: "↑↓", footer: "move", help: "Move the selection", priority: 5),
        KeyBinding([.pageUp], footer: "page up", help: "Up one screen", action: .pageUp, showInFooter: false),
        KeyBinding([.pageDown], footer: "page down", help: "Down one screen", action: .pageDown, showInFooter: false),
    ])

    /// The list keys that work now: Esc only while a search is kept, no edit or delete among
    /// deleted customers.
    var currentListKeys: KeyMap<Action> {
        KeyMap(Self.listKeys.bindings.filter { binding in
            switch binding.action {
            case .clearSearch: !search.text.isEmpty
            case .clearFilter: !filter.isEmpty
            case .edit, .delete: status != .archived
            default: true
            }
        })
    }

    public let id: ScreenID
    public var title: String { status == .archived ? "Archived customers" : "Customers" }

    /// The longest id or external id there is (the external id's limit).
    static let longestID = CustomerValidation.rule(for: .externalID).maxLength ?? 255

    private(set) var status: CustomerStatus = .published
    private(set) var search = TextFieldState(displayWidth: 30)
    private(set) var searching = false
    private(set) var order = CustomerListOrder.newestFirst
    private(set) var filter = ListFilter()
    /// The `g` prompt, while it is open.
    private(set) var goingTo: TextFieldState?
    private(set) var cache = PageCache()
    private var requests = RequestTickets()
    private(set) var selected = 0
    private(set) var top = 0
    private var area = Area(row: 1, col: 0, width: 80, height: 21)

    public init(id: ScreenID) {
        self.id = id
    }

    public var isEditingText: Bool { searching || goingTo != nil }
    var visibleRows: Int { max(1, area.height - 2) }
    var total: Int? { cache.displayTotal }

    /// The selected customer, if its page is loaded.
    public var selectedCustomer: Customer? { cache[selected] }

    public mutating func start() -> [ScreenCommand] { loadVisible() }

    public mutating func layout(_ area: Area) -> [ScreenCommand] {
        self.area = area
        // Room for "/ Search:" on the left and the count and status tabs on the right.
        search.displayWidth = max(10, min(30, area.width - 50))
        keepSelectionVisible()
        return loadVisible()
    }

    public mutating func handle(_ key: Key) -> [ScreenCommand] {
        if goingTo != nil {
            if let action = Self.goToKeys.action(for: key) { return perform(action) }
            _ = goingTo?.handle(key)
            return []
        }
        let map = searching ? Self.searchKeys : Self.listKeys
        if let action = map.action(for: key) { return perform(action) }
        if searching {
            let before = search.text
            _ = search.handle(key)
            return search.text == before ? [] : reload()
        }
        return []
    }

    private mutating func perform(_ action: Action) -> [ScreenCommand] {
        switch action {
        case .up: return move(by: -1)
        case .down: return move(by: 1)
        case .pageUp: return move(by: -visibleRows)
        case .pageDown: return move(by: visibleRows)
        case .home: return move(to: 0)
        case .end: return move(to: (total ?? 1) - 1)
        case .search:
            searching = true
            return []
        case .finishSearch:
            searching = false
            return []
        case .clearSearch:
            searching = false
            guard !search.text.isEmpty else { return [] }
            search.setText("")
            return reload()
        case .new: return [.push(.create)]
        case .open:
            guard let customer = selectedCustomer else { return [] }
            return [.push(.detail(customer))]
        case .edit:
            guard let customer = selectedCustomer else { return [] }
            if customer.status == .archived {
                return [.status("A deleted (archived) customer cannot be edited. Press a for the published ones.", isError: true)]
            }
            return [.push(.edit(customer))]
        case .delete:
            guard let customer = selectedCustomer else { return [] }
            if customer.status == .archived { return [.status("This customer is already deleted.", isError: true)] }
            return [.confirm(ConfirmRequest.delete(customer))]
        case .reload: return reload(sameQuery: true)
        case .toggleStatus:
            status = status == .published ? .archived : .published
            return reloadFromTop()
        case .quit: return [.quit]
        case .audit: return [.push(.audit)]
        case .importFile: return [.push(.importFile)]
        case .export: return [.push(.export(baseQuery))]
        case .profiles: return [.push(.profiles)]
        case .copyAsNew: return selectedCustomer.map { [.push(.createCopy(of: $0))] } ?? []
        case .copyID: return selectedCustomer.map { [.copy($0.id, what: "id")] } ?? []
        case .copyExternalID: return selectedCustomer.map { [.copy($0.externalID, what: "external id")] } ?? []
        case .cycleSort: return sort(by: order.nextKey)
        case .reverseSort: return sort(by: order.reversed)
        case .filter: return [.push(.listFilter(filter))]
        case .clearFilter:
            guard !filter.isEmpty else { return [] }
            return refilter(ListFilter())
        case .goTo:
            // Ids and external ids are at most 255 characters: more is a stray paste.
            goingTo = TextFieldState(displayWidth: max(10, min(40, area.width - 40)),
                                     accepts: { $0.unicodeScalars.count <= CustomerListScreen.longestID })
            return []
        case .cancelGoTo:
            goingTo = nil
            return []
        case .finishGoTo:
            let typed = goingTo?.text.trimmingCharacters(in: .whitespaces) ?? ""
            guard !typed.isEmpty else { return [.status("Type an id (cust_…) or an external id.", isError: true)] }
            goingTo = nil
            return [requests.ask(.lookUp(typed), as: .goTo)]
        }
    }

    private mutating func sort(by newOrder: CustomerListOrder) -> [ScreenCommand] {
        order = newOrder
        return reloadFromTop() + [.status("Sorted by \(order).", isError: false)]
    }

    private mutating func refilter(_ newFilter: ListFilter) -> [ScreenCommand] {
        filter = newFilter
        return reloadFromTop()
    }

    /// A new query (status, order, filters) or a new customer at the top: the list reads it
    /// from the first page, selection and scroll back at the first row.
    private mutating func reloadFromTop() -> [ScreenCommand] {
        selected = 0
        top = 0
        return reload()
    }

    public mutating func confirmed(_ tag: ConfirmRequest.Tag) -> [ScreenCommand] {
        if case .delete(let id) = tag { return [requests.ask(.delete(id: id), as: .delete)] }
        return []
    }

    public mutating func resumed(after outcome: PopOutcome) -> [ScreenCommand] {
        switch outcome {
        case .saved(let customer):
            return reloadFromTop() + [.status("Saved \(customer.displayName) (\(customer.id))", isError: false)]
        case .deleted, .changedMany:
            return reload()
        case .filtered(let chosen):
            return chosen == filter ? [] : refilter(chosen)
        case .cancelled:
            return []
        }
    }

    public mutating func receive(_ result: BackendResult, for ticket: RequestTicket) -> [ScreenCommand] {
        guard requests.isCurrent(ticket) else { return [] }
        switch (ticket.purpose, result) {
        case (.page, .page(let page, _)):
            cache.store(page)
            if let total, selected >= total { selected = max(0, total - 1) }
            keepSelectionVisible()
            return loadVisible()
        case (.page, .failed(let error, .loadPage(let query))):
            cache.loadFailed(offset: query.offset)
            return [.status("Could not load customers: \(error.message). Press r to retry.", isError: true)]
        case (.delete, .deleted(let id)):
            return reload() + [.status("Deleted \(id). Its external id can be used again.", isError: false)]
        case (.delete, .failed(let error, _)):
            return [.status("Delete failed: \(error.message)", isError: true)]
        case (.goTo, .customer(let customer)):
            return [.push(.detail(customer))]
        case (.goTo, .failed(let error, _)):
            return [.status(error.message, isError: true)]
        default:
            return []
        }
    }

    var baseQuery: CustomerQuery {
        let text = search.text.trimmingCharacters(in: .whitespaces)
        var query = CustomerQuery(search: text.isEmpty ? nil : text, status: status, order: order)
        filter.apply(to: &query)
        return query
    }

    /// Loads again from the first page. The same query keeps its rows on screen meanwhile;
    /// a new query (search, status) starts empty, since old rows would mislead.
    private mutating func reload(sameQuery: Bool = false) -> [ScreenCommand] {
        // Pages still on their way answer the old query: they are not current any more.
        requests.supersede(.page)
        cache.reset(keepingRows: sameQuery)
        return loadVisible()
    }

    private mutating func loadVisible() -> [ScreenCommand] {
        let pages = cache.pagesToLoad(for: top..<(top + visibleRows))
        // The pages of one query are asked together and all stay current until it changes.
        return pages.map { requests.ask(.loadPage(cache.query(page: $0, base: baseQuery)), as: .page, superseding: false) }
    }

    private mutating func move(by delta: Int) -> [ScreenCommand] { move(to: selected + delta) }

    private mutating func move(to index: Int) -> [ScreenCommand] {
        let last = max(0, (total ?? 0) - 1)
        selected = min(max(0, index), last)
        keepSelectionVisible()
        return loadVisible()
    }

    private mutating func keepSelectionVisible() {
        if selected < top { top = selected }
        if selected >= top + visibleRows { top = selected - visibleRows + 1 }
        top = max(0, top)
    }
}

extension ConfirmRequest {
    static func delete(_ customer: Customer) -> ConfirmRequest {
        ConfirmRequest(question: "Delete \(customer.displayName)?",
                       detail: "It is archived; its external id can then be used again.",
                       tag: .delete(id: customer.id),
                       typeToConfirm: customer.externalID.isEmpty ? customer.id : customer.externalID)
    }
}

extension Customer {
    /// How the console names a customer in messages: the name, else the external id.
    var displayName: String { self.name.isEmpty ? self.externalID : self.name }
}
