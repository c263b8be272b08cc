import Console
import CustomerKit
import Testing
import TerminalUI

/// Help and quit are the app's keys, declared once and merged into every screen's footer and
/// help; `?` is help only where it is not typed text.
@Suite struct SharedKeysTests {
    @Test func helpOpensFromEveryScreenAndTheFooterShowsIt() async {
        let backend = FakeBackend(count: 2)
        // Tall enough that every help fits without scrolling.
        var h = await ConsoleHarness(backend: backend, size: Size(cols: 100, rows: 80))
        #expect(h.lines().last?.contains("? help") == true)
        await h.press(.character("?"))
        #expect(h.contains("On every screen"))
        await h.press(.escape)
        // In the detail screen, then in the form (where ? is text, F1 is help).
        await h.press(.enter)
        await h.press(.character("?"))
        #expect(h.contains("Customer keys"))
        await h.press(.escape, .character("e"), .character("?"))
        #expect(!h.contains("Form keys"))
        #expect(h.lines().last?.contains("F1 help") == true)
        await h.press(.function(1))
        #expect(h.contains("Form keys"))
        #expect(h.contains("Any other key closes it."))
    }

    @Test("in the list's search box ? is typed, not help")
    func questionMarkIsTextWhileSearching() async {
        var h = await ConsoleHarness(backend: FakeBackend(count: 2))
        await h.press(.character("/"), .character("?"))
        #expect(!h.contains("On every screen"))
        #expect(h.lines()[1].contains("/ Search:  ?"), "\(h)")
    }

    @Test("↑ and ↓ are told apart by the key map alone, on every screen that lists them")
    func upAndDownMoveBothWays() async {
        var h = await ConsoleHarness(backend: FakeBackend(count: 3))
        // Newest first: Customer 2, 1, 0.
        await h.press(.down, .down, .up, .enter)
        #expect(h.app.stack.last?.title == "Customer 1")
    }
}
