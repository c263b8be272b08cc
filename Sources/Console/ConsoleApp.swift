import CustomerKit
import TerminalUI

/// The whole console as one value: a stack of screens, an optional overlay (help or a yes/no
/// question), and the chrome around them (title bar, message line, footer).
///
/// `handle(_:)` and `receive(_:for:)` return the effects to run, tagged with the screen that
/// asked; the runner performs them and feeds the results back. Nothing here does I/O, so
/// every behaviour is testable by feeding events and reading a `GridCanvas`.
public struct ConsoleApp: Sendable {
    /// Below this the console says so instead of drawing a broken screen.
    public static let minimumSize = Size(cols: 64, rows: 16)

    /// The console itself, when it asks a question of its own (quit with unsaved changes).
    static let appID = ScreenID(0)

    public enum Overlay: Sendable, Hashable {
        /// The top screen's keys; `scroll` is the first line shown.
        case help(scroll: Int)
        case confirm(ConfirmRequest, screen: ScreenID)
    }

    public private(set) var stack: [any ConsoleScreen] = []
    public private(set) var overlay: Overlay?
    public private(set) var size: Size
    public private(set) var message: (text: String, isError: Bool)?
    public private(set) var shouldQuit = false
    public let backendLabel: String
    private var nextID = 1
    private let makeScreen: @Sendable (ScreenRoute, ScreenID) -> any ConsoleScreen

    public init(size: Size, backendLabel: String, supportsParents: Bool = true) {
        self.size = size
        self.backendLabel = backendLabel
        makeScreen = { route, id in
            switch route {
            case .detail(let customer): CustomerDetailScreen(id: id, customer: customer)
            case .create: CustomerFormScreen(id: id, mode: .create, supportsParents: supportsParents)
            case .edit(let customer): CustomerFormScreen(id: id, mode: .edit(customer), supportsParents: supportsParents)
            case .restore(let saved): CustomerFormScreen(id: id, restoring: saved, supportsParents: supportsParents)
            case .audit: AuditScreen(id: id)
            }
        }
    }

    /// A message on the message line (e.g. a theme that could not be loaded).
    public mutating func show(_ text: String, isError: Bool) {
        message = (text, isError)
    }

    /// The terminal's real size, before the first screen opens.
    public mutating func resize(to newSize: Size) {
        size = newSize
    }

    /// Opens the customer list, and on top of it the drafts a previous console left behind
    /// (a hang-up, a crash), if any; returns the first effects.
    public mutating func start(restorable: [SavedDraft] = []) -> [(ScreenID, ConsoleEffect)] {
        var effects = open(CustomerListScreen(id: allocateID()))
        if !restorable.isEmpty {
            effects += open(DraftRestoreScreen(id: allocateID(), drafts: restorable))
        }
        return effects
    }

    /// The unsaved typing of every open form, to be kept on disk.
    public var openDrafts: [DraftSnapshot] { stack.compactMap(\.unsavedDraft) }

    /// Drafts the operator threw away from the restore list; the runner deletes their files.
    public private(set) var forgottenDrafts: [String] = []

    public mutating func clearForgottenDrafts() { forgottenDrafts = [] }

    /// Screens whose backend work the operator asked to stop; the runner cancels it.
    public private(set) var cancelRequested: [ScreenID] = []

    public mutating func takeCancelRequests() -> [ScreenID] {
        defer { cancelRequested = [] }
        return cancelRequested
    }

    /// Why the console is ending: the operator chose to (their discarded typing goes), or the
    /// terminal went away (everything typed is kept for the next start).
    public var endedBySignal: Bool { endingSignal != nil }
    /// The signal that ended the console, if one did (its exit status says so).
    public private(set) var endingSignal: TerminalSignal?

    public var isTooSmall: Bool { size.cols < Self.minimumSize.cols || size.rows < Self.minimumSize.rows }

    /// The body area screens draw into: between the title bar and the message line.
    public var bodyArea: Area { Area(row: 1, col: 0, width: size.cols, height: max(0, size.rows - 3)) }

    public mutating func handle(_ event: TerminalEvent) -> [(ScreenID, ConsoleEffect)] {
        switch event {
        case .key(let key):
            return handle(key)
        case .resize(let newSize):
            size = newSize
            var effects: [(ScreenID, ConsoleEffect)] = []
            for index in stack.indices {
                let id = stack[index].id
                effects += apply(stack[index].layout(bodyArea), from: id)
            }
            return effects
        case .signal(let signal):
            shouldQuit = true
            endingSignal = signal
            return []
        case .timeout, .suspend:
            return []
        }
    }

    /// A backend result for the screen that asked for it; dropped if that screen is gone.
    public mutating func receive(_ result: BackendResult, for screen: ScreenID) -> [(ScreenID, ConsoleEffect)] {
        guard let index = stack.firstIndex(where: { $0.id == screen }) else { return [] }
        return apply(stack[index].receive(result), from: screen)
    }

    private mutating func handle(_ key: Key) -> [(ScreenID, ConsoleEffect)] {
        // Ctrl-C always works: quit, asking first if typing would be lost; a second Ctrl-C
        // while that question is open quits anyway.
        if Self.everywhereKeys.action(for: key) == .quit {
            if case .confirm(_, let asker) = overlay, asker == Self.appID {
                shouldQuit = true
            } else if stack.contains(where: \.hasUnsavedChanges) {
                overlay = .confirm(ConfirmRequest(question: "Quit and discard unsaved changes?",
                                                  detail: "What you typed in the open form is not saved.",
                                                  tag: .discardChanges), screen: Self.appID)
            } else {
                shouldQuit = true
            }
            return []
        }
        if isTooSmall { return [] }
        if let overlay { return handleOverlay(overlay, key) }
        guard let top = stack.indices.last else { return [] }
        message = nil
        let id = stack[top].id
        return apply(stack[top].handle(key), from: id)
    }

    private mutating func handleOverlay(_ current: Overlay, _ key: Key) -> [(ScreenID, ConsoleEffect)] {
        switch current {
        case .help(let scroll):
            // Scroll keys move through a long help; any other key closes it.
            let count = helpContent?.lines.count ?? 0
            let page = max(1, HelpOverlay.visibleRows(on: size, count: count) - 1)
            let delta: Int? = switch key {
            case .down: 1
            case .up: -1
            case .pageDown, .character(" "): page
            case .pageUp: -page
            default: nil
            }
            guard let delta else {
                overlay = nil
                return []
            }
            overlay = .help(scroll: min(max(0, scroll + delta), HelpOverlay.maxScroll(on: size, count: count)))
            return []
        case let .confirm(request, screen):
            switch Self.confirmKeys.action(for: key) {
            case true?:
                overlay = nil
                if screen == Self.appID {
                    shouldQuit = true
                    return []
                }
                guard let index = stack.firstIndex(where: { $0.id == screen }) else { return [] }
                return apply(stack[index].confirmed(request.tag), from: screen)
            case false?:
                overlay = nil
                return []
            case nil:
                return []
            }
        }
    }

    private mutating func apply(_ commands: [ScreenCommand], from screen: ScreenID) -> [(ScreenID, ConsoleEffect)] {
        var effects: [(ScreenID, ConsoleEffect)] = []
        for command in commands {
            switch command {
            case .effect(let effect):
                effects.append((screen, effect))
            case .push(let route):
                effects += open(makeScreen(route, allocateID()))
            case .pop(let outcome):
                guard stack.count > 1, let index = stack.firstIndex(where: { $0.id == screen }) else {
                    shouldQuit = true
                    continue
                }
                stack.removeSubrange(index...)
                let below = stack.count - 1
                effects += apply(stack[below].resumed(after: outcome), from: stack[below].id)
            case .confirm(let request):
                overlay = .confirm(request, screen: screen)
            case .forgetDraft(let id):
                forgottenDrafts.append(id)
            case .cancelRequests:
                cancelRequested.append(screen)
            case .help:
                overlay = .help(scroll: 0)
            case let .status(text, isError):
                message = (text, isError)
            case .quit:
                shouldQuit = true
            }
        }
        return effects
    }

    private mutating func open(_ screen: any ConsoleScreen) -> [(ScreenID, ConsoleEffect)] {
        stack.append(screen)
        let index = stack.count - 1
        let id = screen.id
        var effects = apply(stack[index].layout(bodyArea), from: id)
        effects += apply(stack[index].start(), from: id)
        return effects
    }

    /// The yes/no question's keys: its hint line and the footer are drawn from them. Enter
    /// means no: a question is never answered yes by the key that moves through a form.
    static let confirmKeys = KeyMap<Bool>([
        KeyBinding([.character("y"), .character("Y")], label: "y", footer: "yes", help: "Yes", action: true, priority: 9),
        KeyBinding([.character("n"), .character("N"), .escape, .enter], label: "n", footer: "no (Esc)", help: "No", action: false,
                   priority: 8),
    ])

    enum AppAction: Sendable { case quit, suspend }

    /// Keys that work on every screen, whatever it binds. Ctrl-Z reaches the app as a terminal
    /// `.suspend` event (the terminal layer stops the process); it is listed for the help.
    static let everywhereKeys = KeyMap<AppAction>([
        KeyBinding([.control("c")], footer: "quit", help: "Quit (asks first when typing would be lost)", action: .quit),
        KeyBinding([.control("z")], footer: "suspend", help: "Suspend to the shell; fg brings the console back", action: .suspend),
    ])

    /// The top screen's help, with the keys that work everywhere at the end.
    var helpContent: HelpOverlay.Content? {
        guard let top = stack.last else { return nil }
        var content = top.help
        content.lines += [.note(""), .heading("On every screen")] + HelpOverlay.lines(Self.everywhereKeys)
        return content
    }

    private mutating func allocateID() -> ScreenID {
        defer { nextID += 1 }
        return ScreenID(nextID)
    }
}
