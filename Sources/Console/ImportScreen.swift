import BulkTransfer
import CustomerKit
import TerminalUI

/// Import from the list (`i`): a file path (Tab completes), then the check's summary and the
/// rows that would fail, then a confirm; while it runs, a progress bar and Esc to stop (what is
/// done stays done, and checking the same file again finishes it).
public struct ImportScreen: ConsoleScreen {
    enum Stage: Sendable, Hashable {
        case choosing
        case checking
        /// The dry run's answer: what the import would do.
        case checked(CustomerImporter.Result)
        case importing
        case finished(CustomerImporter.Result)
        /// The file cannot be imported (nothing was written).
        case refused(BulkFileError)
    }

    enum Action: Sendable {
        case check, complete, back, stop, confirm, up, down, pageUp, pageDown
    }

    public let id: ScreenID
    public var title: String { "Import customers" }
    var path = PathField()
    private(set) var stage = Stage.choosing
    private(set) var progress: ImportProgress?
    private(set) var failureScroll = 0
    private(set) var notice: (text: String, isError: Bool)?
    var requests = RequestTickets()
    var area = Area(row: 1, col: 0, width: 80, height: 21)

    public init(id: ScreenID) {
        self.id = id
    }

    public var isEditingText: Bool { stage == .choosing }

    // MARK: Keys

    static let choosingKeys = KeyMap<Action>([
        KeyBinding([.enter], footer: "check file", help: "Check every row of the file (nothing is written yet)", action: .check, priority: 9),
        KeyBinding([.tab], footer: "complete", help: "Complete the file or folder name", action: .complete, priority: 8),
        KeyBinding([.escape], label: "Esc", footer: "back", help: "Back to the customers", action: .back, priority: 7),
    ])

    static let runningKeys = KeyMap<Action>([
        KeyBinding([.escape], label: "Esc", footer: "stop", help: "Stop after the batch under way (what is done stays done)", action: .stop, priority: 9),
    ])

    static let scrollKeys: [KeyBinding<Action>] = [
        KeyBinding(each: [(.up, .up), (.down, .down)], label: "↑↓", footer: "scroll", help: "Scroll the rows that fail", priority: 5),
        KeyBinding(each: [(.pageUp, .pageUp), (.pageDown, .pageDown)], label: "PgUp/PgDn", footer: "page",
                   help: "Scroll a screen of them", showInFooter: false, priority: 4),
    ]

    static let checkedKeys = KeyMap<Action>([
        KeyBinding([.enter, .character("y")], footer: "import", help: "Import the rows that passed the check", action: .confirm, priority: 9),
        KeyBinding([.escape], label: "Esc", footer: "other file", help: "Back to the file name (nothing was written)", action: .back, priority: 8),
    ] + scrollKeys)

    static let finishedKeys = KeyMap<Action>([
        KeyBinding([.enter], footer: "check again", help: "Check the file again (after a stop: finishes the rest)", action: .check, priority: 8),
        KeyBinding([.escape], label: "Esc", footer: "done", help: "Back to the customers", action: .back, priority: 9),
    ] + scrollKeys)

    static let refusedKeys = KeyMap<Action>([
        KeyBinding([.escape, .enter], label: "Esc", footer: "back", help: "Back to the file name", action: .back, priority: 9),
    ])

    var currentKeys: KeyMap<Action> {
        switch stage {
        case .choosing: Self.choosingKeys
        case .checking, .importing: Self.runningKeys
        case .checked: Self.checkedKeys
        case .finished: Self.finishedKeys
        case .refused: Self.refusedKeys
        }
    }

    public var keys: KeyMap<Void> { currentKeys.erased }

    public var help: HelpOverlay.Content {
        HelpOverlay.Content(title: "Import keys", lines: HelpOverlay.lines(sections: [
            ("Choosing the file", Self.choosingKeys.erased,
             ["CSV in FlexPrice's import columns (external_id, name, email, address_…, metadata.<key>) or JSON Lines.",
              "Rows are matched by external id: new ones are created, existing ones get what differs."]),
            ("After the check", Self.checkedKeys.erased, []),
            ("While it runs", Self.runningKeys.erased, ["Stopped or cut off, checking the same file again finishes it."]),
            ("When it is done", Self.finishedKeys.erased, []),
        ]))
    }

    // MARK: Update

    public mutating func layout(_ area: Area) -> [ScreenCommand] {
        self.area = area
        path.input.displayWidth = max(10, area.width - 12)
        return []
    }

    public mutating func handle(_ key: Key) -> [ScreenCommand] {
        guard let action = currentKeys.action(for: key) else {
            if stage == .choosing, path.type(key) { notice = nil }
            return []
        }
        notice = nil
        switch action {
        case .complete:
            return [requests.ask(.completePath(path.text), as: .pathCompletion)]
        case .check:
            return check()
        case .back:
            switch stage {
            case .choosing, .finished: return [.pop(stage == .choosing ? .cancelled : .changedMany)]
            default:
                stage = .choosing
                return []
            }
        case .stop:
            notice = ("Stopping after the batch under way…", false)
            return [.cancelRequests]
        case .confirm:
            guard case .checked(let checked) = stage, let options else { return [] }
            guard checked.summary.created + checked.summary.updated > 0 else {
                notice = ("Nothing to write: every row is unchanged, skipped or failing.", false)
                return []
            }
            stage = .importing
            progress = nil
            return [requests.ask(.importFile(path: path.text, options: options, dryRun: false), as: .bulk)]
        case .up: scrollFailures(by: -1)
        case .down: scrollFailures(by: 1)
        case .pageUp: scrollFailures(by: -failureRows)
        case .pageDown: scrollFailures(by: failureRows)
        }
        return []
    }

    /// The file's format from its name.
    var options: ImportOptions? { BulkFormat(path: path.text).map { ImportOptions(format: $0) } }

    private mutating func check() -> [ScreenCommand] {
        guard !path.text.isEmpty else {
            notice = ("Type the file's path (Tab completes).", true)
            return []
        }
        guard let options else {
            notice = ("Name a .csv or .jsonl file.", true)
            return []
        }
        stage = .checking
        progress = nil
        failureScroll = 0
        return [requests.ask(.importFile(path: path.text, options: options, dryRun: true), as: .bulk)]
    }

    var failures: [RowFailure] {
        switch stage {
        case .checked(let result), .finished(let result): result.failures
        default: []
        }
    }

    var failureRows: Int { max(1, area.height - 8) }

    private mutating func scrollFailures(by delta: Int) {
        failureScroll = min(max(0, failureScroll + delta), max(0, failures.count - failureRows))
    }

    public mutating func receive(_ result: BackendResult, for ticket: RequestTicket) -> [ScreenCommand] {
        guard requests.isCurrent(ticket) else { return [] }
        switch (ticket.purpose, result) {
        case (.pathCompletion, .pathCompletions(let found, let typed)):
            if let message = path.complete(found, typed: typed) { notice = (message, false) }
        case (.bulk, .importProgress(let now)):
            progress = now
        case (.bulk, .imported(let done)):
            stage = done.summary.dryRun ? .checked(done) : .finished(done)
            progress = nil
            notice = nil
        case (.bulk, .importRefused(let problem)):
            stage = .refused(problem)
        case (.bulk, .failed(let error, _)):
            stage = .choosing
            notice = ("Could not import: \(error.message)", true)
        default:
            break
        }
        return []
    }
}
