import CustomerKit
import TerminalUI

/// One screen of the console: pure state, changed by `handle`/`receive`, drawn by `render`.
/// Screens never call the backend or the terminal; they return `ScreenCommand`s.
public protocol ConsoleScreen: Sendable {
    var id: ScreenID { get }
    /// Shown in the title bar.
    var title: String { get }
    /// True while the screen holds typing that has not been saved.
    var hasUnsavedChanges: Bool { get }
    /// The typing a form holds that is not saved yet, to be kept on disk; nil for other screens.
    var unsavedDraft: DraftSnapshot? { get }
    /// True while the screen takes printable keys as text (a field, a search box): then `q`
    /// and `?` are text, not commands.
    var isEditingText: Bool { get }

    /// Effects to run when the screen opens.
    mutating func start() -> [ScreenCommand]
    /// The body area changed (first layout, or a resize).
    mutating func layout(_ area: Area) -> [ScreenCommand]
    mutating func handle(_ key: Key) -> [ScreenCommand]
    /// A result of a request the screen made, with that request's ticket: the screen decides
    /// with its `RequestTickets` whether the result still answers a question it has.
    mutating func receive(_ result: BackendResult, for ticket: RequestTicket) -> [ScreenCommand]
    mutating func confirmed(_ tag: ConfirmRequest.Tag) -> [ScreenCommand]
    /// The screen above this one closed.
    mutating func resumed(after outcome: PopOutcome) -> [ScreenCommand]

    func render(into canvas: Canvas, area: Area)
    /// The keys that work now, for the footer; the app adds the keys every screen shares.
    var keys: KeyMap<Void> { get }
    /// Every key of the screen, grouped by what the operator is doing, for the `?` / F1 help
    /// (the app adds the shared keys).
    var help: HelpOverlay.Content { get }
}

extension ConsoleScreen {
    public var hasUnsavedChanges: Bool { false }
    public var unsavedDraft: DraftSnapshot? { nil }
    public var isEditingText: Bool { false }
    public mutating func start() -> [ScreenCommand] { [] }
    public mutating func confirmed(_ tag: ConfirmRequest.Tag) -> [ScreenCommand] { [] }
    public mutating func resumed(after outcome: PopOutcome) -> [ScreenCommand] { [] }
}
