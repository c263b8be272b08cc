/// What the console's runtime needs of a terminal: start and stop it, read one event at a time,
/// show a frame, suspend. `CursesTerminal` is the real one; tests give the same runtime a
/// scripted one, so the loop operators run is the loop the headless tests run.
public protocol Terminal: AnyObject {
    /// The size as of the last start or resize event.
    var size: Size { get }
    func start(theme: Theme) throws
    /// Gives the terminal back as it was found; safe to call more than once.
    func stop()
    /// A canvas of the current size, for frames.
    func makeCanvas() -> GridCanvas
    /// The next key, resize or signal, or `.timeout` when nothing happened within `timeoutMs`.
    func nextEvent(timeoutMs: Int) -> TerminalEvent
    /// Shows a frame (only what changed since the last one, where the terminal can).
    func present(_ canvas: GridCanvas)
    /// Stops the process as a shell job; returns once it is continued, screen and modes restored.
    func suspend()
    /// Draws from now on in `theme`'s colours (the next frame repaints whole).
    func apply(theme: Theme)
    /// Puts `text` on the operator's clipboard (OSC 52: the terminal on their desk does it).
    func copyToClipboard(_ text: String)
}

extension CursesTerminal: Terminal {}
