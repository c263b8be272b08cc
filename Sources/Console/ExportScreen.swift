import BulkTransfer
import CustomerKit
import Foundation
import TerminalUI

/// Export from the list (`x`): the list's customers (its search, status, filters and order) to
/// a CSV or JSON Lines file (by the name's extension; CSV otherwise). Tab completes the path.
public struct ExportScreen: ConsoleScreen {
    enum Action: Sendable { case export, complete, back }

    public let id: ScreenID
    public var title: String { "Export customers" }
    let query: CustomerQuery
    var path: PathField
    private(set) var exporting = false
    private(set) var notice: (text: String, isError: Bool)?
    var requests = RequestTickets()

    public init(id: ScreenID, query: CustomerQuery) {
        self.id = id
        self.query = query
        let day = String(Timestamp.now().text.prefix(10))
        path = PathField(text: "~/customers-\(day).csv")
    }

    public var isEditingText: Bool { !exporting }

    static let keys = KeyMap<Action>([
        KeyBinding([.enter], footer: "export", help: "Write the file (.jsonl: JSON Lines; otherwise CSV)", action: .export, priority: 9),
        KeyBinding([.tab], footer: "complete", help: "Complete the file or folder name", action: .complete, priority: 8),
        KeyBinding([.escape], label: "Esc", footer: "back", help: "Back to the customers", action: .back, priority: 7),
    ])

    public var keys: KeyMap<Void> { Self.keys.erased }
    public var help: HelpOverlay.Content {
        HelpOverlay.Content(title: "Export keys", lines: HelpOverlay.lines(sections: [
            ("Exporting", Self.keys.erased, ["CSV in the import's columns; formulas are marked with ' for spreadsheets."]),
        ]))
    }

    public mutating func layout(_ area: Area) -> [ScreenCommand] {
        path.input.displayWidth = max(10, area.width - 12)
        return []
    }

    public mutating func handle(_ key: Key) -> [ScreenCommand] {
        guard !exporting else { return [] }
        guard let action = Self.keys.action(for: key) else {
            if path.type(key) { notice = nil }
            return []
        }
        switch action {
        case .complete:
            return [requests.ask(.completePath(path.text), as: .pathCompletion)]
        case .back:
            return [.pop(.cancelled)]
        case .export:
            guard !path.text.isEmpty else {
                notice = ("Type where to write the file.", true)
                return []
            }
            exporting = true
            notice = ("Exporting…", false)
            let format = BulkFormat(path: path.text) ?? .csv
            return [requests.ask(.exportFile(path: path.text, query: query, format: format), as: .bulk)]
        }
    }

    public mutating func receive(_ result: BackendResult, for ticket: RequestTicket) -> [ScreenCommand] {
        guard requests.isCurrent(ticket) else { return [] }
        switch (ticket.purpose, result) {
        case (.pathCompletion, .pathCompletions(let found, let typed)):
            if let message = path.complete(found, typed: typed) { notice = (message, false) }
        case (.bulk, .exported(let count, let written)):
            return [.pop(.cancelled), .status("Exported \(count) customers to \(written).", isError: false)]
        case (.bulk, .failed(let error, _)):
            exporting = false
            notice = ("Not exported: \(error.message)", true)
        default:
            break
        }
        return []
    }

    public func render(into canvas: Canvas, area: Area) {
        let col = area.col + 2
        let width = area.width - 4
        var what = (query.search.map { "customers matching “\($0)”" } ?? "all customers") + (query.status == .archived ? " (archived)" : "")
        var filter = ListFilter(country: query.country ?? "")
        if let (key, value) = query.metadata.first { (filter.metadataKey, filter.metadataValue) = (key, value) }
        if !filter.isEmpty { what += ", \(filter.summary)" }
        if !query.order.isDefault { what += ", sorted by \(query.order)" }
        canvas.draw("Export \(what) to a file.", row: area.row, col: col, role: .hint, width: width)
        path.render(into: canvas, row: area.row + 2, col: col, width: width, label: "File")
        canvas.draw("Tab completes the name; Enter writes the file (.jsonl for JSON Lines, CSV otherwise).", row: area.row + 4,
                    col: col, role: .hint, width: width)
        if let notice {
            canvas.draw(notice.text, row: area.bottom - 1, col: col, role: notice.isError ? .error : .hint, width: width)
        }
    }
}
