import Foundation
import TerminalUI

/// A `Terminal` that plays a script, for running the real `ConsoleRunner` headlessly: keys go
/// in as the runner asks for events, and a step can wait until a presented frame shows some
/// text (the event a test waits for; never a time). While it waits it answers `.timeout` after
/// the poll time the runner asked for, as a terminal with no key pressed does. A script that
/// waits for longer than `safety` (the machine may be busy, so this is generous) gives up: it
/// notes why and ends the run with SIGTERM, so a broken console cannot hang the suite.
final class ScriptedTerminal: Terminal, @unchecked Sendable {
    // @unchecked: driven by the runner's one thread; the test reads the results after `run`
    // has returned.
    enum Step {
        case key(Key)
        case waitFor(String)
        case resize(Size)
        case signal(TerminalSignal)
    }

    static let safety: Duration = .seconds(120)

    private(set) var size: Size
    private var steps: [Step]
    private var waitingSince: ContinuousClock.Instant?
    private(set) var lastFrame = ""
    private(set) var frames = 0
    private(set) var started = false
    private(set) var stopped = false
    private(set) var failure: String?

    init(size: Size = Size(cols: 80, rows: 24), _ steps: [Step]) {
        self.size = size
        self.steps = steps
    }

    /// Every character of `text` as a key.
    static func typing(_ text: String) -> [Step] { text.map { .key(.character($0)) } }

    func start(theme: Theme) throws { started = true }
    func stop() { stopped = true }
    func makeCanvas() -> GridCanvas { GridCanvas(size: size) }
    func suspend() {}
    /// The themes applied after the start, in order (a profile switch).
    private(set) var themes: [String] = []
    func apply(theme: Theme) { themes.append(theme.name) }
    /// What the console put on the clipboard, in order.
    private(set) var copied: [String] = []
    func copyToClipboard(_ text: String) { copied.append(text) }

    func present(_ canvas: GridCanvas) {
        frames += 1
        lastFrame = canvas.text()
    }

    func nextEvent(timeoutMs: Int) -> TerminalEvent {
        while let step = steps.first {
            switch step {
            case .waitFor(let text):
                if lastFrame.contains(text) {
                    steps.removeFirst()
                    waitingSince = nil
                    continue
                }
                let now = ContinuousClock.now
                let since = waitingSince ?? now
                waitingSince = since
                if now - since > Self.safety {
                    failure = "no frame showed “\(text)” within \(Self.safety); the last one:\n\(lastFrame)"
                    steps = []
                    return .signal(.terminate)
                }
                usleep(UInt32(max(1, timeoutMs)) * 1000)
                return .timeout
            case .key(let key):
                steps.removeFirst()
                return .key(key)
            case .resize(let newSize):
                steps.removeFirst()
                size = newSize
                return .resize(newSize)
            case .signal(let signal):
                steps.removeFirst()
                return .signal(signal)
            }
        }
        // The script is done and the console still runs: end it, and say so.
        failure = failure ?? "the script ended but the console did not quit; the last frame:\n\(lastFrame)"
        return .signal(.terminate)
    }
}
