import CustomerKit
import TerminalUI

/// The whole console as one value: a stack of screens, an optional overlay (help or a yes/no
/// question), and the chrome around them (title bar, message line, footer).
///
/// `handle(_:)`, `receive(_:for:)` and `start` return `RuntimeCommand`s: backend effects tagged
/// with the screen that asked and its ticket, cancellations, and the drafts to keep on disk; a runtime carries
/// them out and feeds results back. Nothing here does I/O, so every behaviour is testable by
/// feeding events and reading a `GridCanvas`.
public struct ConsoleApp: Sendable {
    /// Below this the console says so instead of drawing a broken screen.
    public static let minimumSize = Size(cols: 64, rows: 16)

    /// The console itself, when it asks a question of its own (quit with unsaved changes).
    static let appID = ScreenID(0)

    public enum Overlay: Sendable {
        /// The top screen's keys; `scroll` is the first line shown.
        case help(scroll: Int)
        case confirm(ConfirmRequest, screen: ScreenID)
        /// A confirmation on a production profile: the operator types `request.typeToConfirm`.
        case typedConfirm(ConfirmRequest, screen: ScreenID, typed: TextFieldState)
    }

    public private(set) var stack: [any ConsoleScreen] = []
    public private(set) var overlay: Overlay?
    public private(set) var size: Size
    public private(set) var message: (text: String, isError: Bool)?
    public private(set) var shouldQuit = false
    public let backendLabel: String
    public let profile: WorkingProfile
    private var nextID = 1
    private let makeScreen: @Sendable (ScreenRoute, ScreenID) -> any ConsoleScreen

    public init(size: Size, backendLabel: String, supportsParents: Bool = true, profile: WorkingProfile = WorkingProfile()) {
        self.size = size
        self.backendLabel = backendLabel
        self.profile = profile
        makeScreen = { route, id in
            switch route {
            case .detail(let customer): CustomerDetailScreen(id: id, customer: customer)
            case .create: CustomerFormScreen(id: id, mode: .create, supportsParents: supportsParents)
            case .createCopy(let customer): CustomerFormScreen(id: id, copying: customer, supportsParents: supportsParents)
            case .edit(let customer): CustomerFormScreen(id: id, mode: .edit(customer), supportsParents: supportsParents)
            case .restore(let saved): CustomerFormScreen(id: id, restoring: saved, supportsParents: supportsParents)
            case .audit: AuditScreen(id: id)
            case .importFile: ImportScreen(id: id)
            case .export(let query): ExportScreen(id: id, query: query)
            case .listFilter(let filter): ListFilterScreen(id: id, filter: filter)
            case .profiles: ProfileScreen(id: id, profile: profile)
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
    public mutating func start(restorable: [SavedDraft] = []) -> [RuntimeCommand] {
        var effects = open(CustomerListScreen(id: allocateID()))
        if !restorable.isEmpty {
            effects += open(DraftRestoreScreen(id: allocateID(), drafts: restorable))
        }
        return noting(effects)
    }

    /// The unsaved typing of every open form, to be kept on disk.
    public var openDrafts: [DraftSnapshot] { stack.compactMap(\.unsavedDraft) }

    /// The drafts last given to the runtime to keep (`RuntimeCommand.keepDrafts`).
    private var keptDrafts: [DraftSnapshot] = []

    /// `commands`, and the drafts to keep when the open forms' typing changed.
    private mutating func noting(_ commands: [RuntimeCommand]) -> [RuntimeCommand] {
        let open = openDrafts
        guard open != keptDrafts else { return commands }
        keptDrafts = open
        return commands + [.keepDrafts(open)]
    }

    /// Why the console is ending: the operator chose to (their discarded typing goes), or the
    /// terminal went away (everything typed is kept for the next start).
    public var endedBySignal: Bool { endingSignal != nil }
    /// The signal that ended the console, if one did (its exit status says so).
    public private(set) var endingSignal: TerminalSignal?

    public var isTooSmall: Bool { size.cols < Self.minimumSize.cols || size.rows < Self.minimumSize.rows }

    /// The body area screens draw into: between the title bar and the message line.
    public var bodyArea: Area { Area(row: 1, col: 0, width: size.cols, height: max(0, size.rows - 3)) }

    public mutating func handle(_ event: TerminalEvent) -> [RuntimeCommand] {
        noting(dispatch(event))
    }

    private mutating func dispatch(_ event: TerminalEvent) -> [RuntimeCommand] {
        switch event {
        case .key(let key):
            return handle(key)
        case .resize(let newSize):
            size = newSize
            var effects: [RuntimeCommand] = []
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

    /// A backend result for the screen that asked for it, with the ticket it asked with;
    /// dropped if that screen is gone.
    public mutating func receive(_ result: BackendResult, for origin: RequestOrigin) -> [RuntimeCommand] {
        guard let index = stack.firstIndex(where: { $0.id == origin.screen }) else { return [] }
        return noting(apply(stack[index].receive(result, for: origin.ticket), from: origin.screen))
    }

    private mutating func handle(_ key: Key) -> [RuntimeCommand] {
        // Ctrl-C always works: quit, asking first if typing would be lost; a second Ctrl-C
        // while that question is open quits anyway.
        let shared = stack.last.map { Self.sharedKeys(editingText: $0.isEditingText) } ?? Self.sharedKeys(editingText: true)
        if shared.action(for: key) == .quit {
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
        // Help is the app's, merged into every screen's keys (see `sharedKeys`).
        if shared.action(for: key) == .help {
            overlay = .help(scroll: 0)
            return []
        }
        message = nil
        let id = stack[top].id
        return apply(stack[top].handle(key), from: id)
    }

    private mutating func handleOverlay(_ current: Overlay, _ key: Key) -> [RuntimeCommand] {
        switch current {
        case .help(let scroll):
            // Scroll keys move through a long help; any other key closes it.
            let count = helpContent?.lines.count ?? 0
            let page = max(1, HelpOverlay.visibleRows(on: size, count: count) - 1)
            let delta: Int? = switch Self.helpKeys.action(for: key) {
            case .line(let step)?: step
            case .page(let pages)?: pages * page
            case nil: nil
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
                return answerYes(request, asking: screen)
            case false?:
                overlay = nil
                return []
            case nil:
                return []
            }
        case .typedConfirm(let request, let screen, var typed):
            switch Self.typedConfirmKeys.action(for: key) {
            case true?:
                overlay = nil
                // Typed exactly (no trimming, no case folding): a near miss deletes nothing.
                guard typed.text == request.typeToConfirm else {
                    message = ("That is not \(SafeText.visible(request.typeToConfirm ?? "")); nothing was done.", true)
                    return []
                }
                return answerYes(request, asking: screen)
            case false?:
                overlay = nil
                return []
            case nil:
                _ = typed.handle(key)
                overlay = .typedConfirm(request, screen: screen, typed: typed)
                return []
            }
        }
    }

    /// A question answered yes (typed, where it had to be): the app's own quits, a screen's
    /// goes back to it, if it is still open.
    private mutating func answerYes(_ request: ConfirmRequest, asking screen: ScreenID) -> [RuntimeCommand] {
        overlay = nil
        if screen == Self.appID {
            shouldQuit = true
            return []
        }
        guard let index = stack.firstIndex(where: { $0.id == screen }) else { return [] }
        return apply(stack[index].confirmed(request.tag), from: screen)
    }

    private mutating func apply(_ commands: [ScreenCommand], from screen: ScreenID) -> [RuntimeCommand] {
        var effects: [RuntimeCommand] = []
        for command in commands {
            switch command {
            case let .effect(effect, ticket):
                effects.append(.perform(effect, for: RequestOrigin(screen: screen, ticket: ticket)))
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
                if profile.isProduction, let phrase = request.typeToConfirm {
                    overlay = .typedConfirm(request, screen: screen,
                                            typed: TextFieldState(displayWidth: max(20, min(60, TextWidth.cells(phrase) + 2))))
                } else {
                    overlay = .confirm(request, screen: screen)
                }
            case .forgetDraft(let id):
                effects.append(.forgetDraft(id: id))
            case .switchProfile(let name):
                effects.append(.switchProfile(name))
            case .cancelRequests:
                effects.append(.cancel(screen))
            case let .status(text, isError):
                message = (text, isError)
            case let .copy(text, what):
                effects.append(.copyToClipboard(text))
                // The terminal cannot say whether it allowed the copy, so the message says what
                // was sent and what it takes.
                message = ("Copied \(what) \(SafeText.visible(text)) to the clipboard (if the terminal allows OSC 52)", false)
            case .quit:
                shouldQuit = true
            }
        }
        return effects
    }

    private mutating func open(_ screen: any ConsoleScreen) -> [RuntimeCommand] {
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

    /// The production confirmation's keys: Enter checks what was typed, Esc gives up; every
    /// other key types.
    static let typedConfirmKeys = KeyMap<Bool>([
        KeyBinding([.enter], footer: "confirm", help: "Do it, if what you typed is exactly the external id", action: true,
                   priority: 9),
        KeyBinding([.escape], footer: "cancel", help: "Cancel: nothing is done", action: false, priority: 8),
    ])

    enum AppAction: Sendable { case help, quit, suspend }

    /// Keys that work on every screen, declared once here and merged into each screen's keys
    /// for its footer and help: help (F1; `?` too where `?` is not typed text), Ctrl-C, Ctrl-Z.
    /// Ctrl-Z reaches the app as a terminal `.suspend` event (the terminal layer stops the
    /// process); it is listed for the help.
    static func sharedKeys(editingText: Bool) -> KeyMap<AppAction> {
        editingText ? sharedWhileTyping : sharedOtherwise
    }

    private static let sharedWhileTyping = makeSharedKeys(editingText: true)
    private static let sharedOtherwise = makeSharedKeys(editingText: false)
    /// The same without actions, for footers: made once, not at every frame.
    private static let sharedWhileTypingHints = sharedWhileTyping.erased
    private static let sharedOtherwiseHints = sharedOtherwise.erased

    private static func makeSharedKeys(editingText: Bool) -> KeyMap<AppAction> {
        KeyMap([
            KeyBinding(editingText ? [.function(1)] : [.character("?"), .function(1)], footer: "help",
                       help: "Show every key of this screen (? too, outside text fields)", action: .help, isHelp: true),
            KeyBinding([.control("c")], footer: "quit", help: "Quit (asks first when typing would be lost)", action: .quit,
                       showInFooter: false),
            KeyBinding([.control("z")], footer: "suspend", help: "Suspend to the shell; fg brings the console back",
                       action: .suspend, showInFooter: false),
        ])
    }

    enum HelpScroll: Sendable, Equatable { case line(Int), page(Int) }

    /// The help box's own keys: these scroll a long help; any other key closes it.
    static let helpKeys = KeyMap<HelpScroll>([
        KeyBinding(each: [(.up, .line(-1)), (.down, .line(1))], label: "↑↓", footer: "scroll", help: "Scroll a line"),
        KeyBinding(each: [(.pageUp, .page(-1)), (.pageDown, .page(1)), (.character(" "), .page(1))], label: "PgUp/PgDn",
                   footer: "page", help: "Scroll a screen (Space: down)"),
    ])

    /// The top screen's keys with the shared ones merged in: what its footer shows.
    var footerKeys: KeyMap<Void>? {
        guard let top = stack.last else { return nil }
        return top.keys.merging(top.isEditingText ? Self.sharedWhileTypingHints : Self.sharedOtherwiseHints)
    }

    /// The top screen's help, with the keys that work everywhere at the end.
    var helpContent: HelpOverlay.Content? {
        guard let top = stack.last else { return nil }
        var content = top.help
        content.lines += [.note(""), .heading("On every screen")]
            + HelpOverlay.lines(Self.sharedKeys(editingText: false))
            + [.note("In the help itself")] + HelpOverlay.lines(Self.helpKeys) + [.note("Any other key closes it.")]
        return content
    }

    private mutating func allocateID() -> ScreenID {
        defer { nextID += 1 }
        return ScreenID(nextID)
    }
}
