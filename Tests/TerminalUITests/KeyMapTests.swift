import Testing
@testable import TerminalUI

enum FormAction: Sendable, Equatable { case save, back, next, previous, help, clear, complete, undo, palette }

let formKeys = KeyMap<FormAction>([
    KeyBinding([.control("s"), .function(2)], label: "^S", footer: "save", help: "Save the customer", action: .save, priority: 10),
    KeyBinding([.escape], footer: "back", help: "Go back (asks before discarding changes)", action: .back, priority: 9),
    KeyBinding([.tab, .down], footer: "next", help: "Next field", action: .next, priority: 5),
    KeyBinding([.backTab, .up], footer: "prev", help: "Previous field", action: .previous, priority: 4),
    KeyBinding([.control("l")], footer: "clear field", help: "Clear the current field", action: .clear, priority: 1),
    KeyBinding([.control("n")], footer: "complete", help: "Complete the country code", action: .complete, priority: 2),
    KeyBinding([.control("z")], footer: "undo", help: "Undo the last edit", action: .undo, showInFooter: false),
    KeyBinding([.control("p"), .character(":")], footer: "commands", help: "Command palette", action: .palette, priority: 0),
    KeyBinding([.function(1), .character("?")], label: "F1", footer: "help", help: "Show this help", action: .help, isHelp: true),
])

@Suite("Key maps, footer and help")
struct KeyMapTests {
    @Test("dispatch looks up every key of every binding")
    func dispatch() {
        #expect(formKeys.action(for: .control("s")) == .save)
        #expect(formKeys.action(for: .function(2)) == .save)
        #expect(formKeys.action(for: .down) == .next)
        #expect(formKeys.action(for: .character("?")) == .help)
        #expect(formKeys.action(for: .control("z")) == .undo)
        #expect(formKeys.action(for: .character("x")) == nil)
    }

    @Test("the footer fits 80 columns with the help hint last")
    func footer80() {
        let canvas = GridCanvas(size: Size(cols: 80, rows: 3))
        let items = Footer.render(formKeys, into: canvas, row: 2, width: 80)
        let line = canvas.lines()[2]
        #expect(TextWidth.cells(line) <= 80)
        #expect(line.hasPrefix("^S save  Esc back  Tab next"))
        #expect(line.hasSuffix("F1 help"))
        #expect(items.last == Footer.Item(label: "F1", text: "help"))
        #expect(!line.contains("undo"))
        #expect(canvas.role(row: 2, col: 0) == .key)
        #expect(canvas.role(row: 2, col: 3) == .statusBar)
    }

    @Test("at 40 columns the lowest-priority items are dropped first")
    func footer40() {
        let items = Footer.layout(formKeys, width: 40)
        let texts = items.map(\.text)
        #expect(texts == ["save", "back", "next", "help"])  // 7 + 8 + 8 + 7 cells + 3 gaps = 36
        let width = items.reduce(0) { $0 + $1.cells } + (items.count - 1) * Footer.separator
        #expect(width <= 40)
        #expect(Footer.layout(formKeys, width: 16).map(\.text) == ["save", "help"])
        #expect(Footer.layout(formKeys, width: 7).map(\.text) == ["help"])
        #expect(Footer.layout(formKeys, width: 3).isEmpty)
    }

    @Test("a footer never draws past its width")
    func footerClip() {
        let canvas = GridCanvas(size: Size(cols: 30, rows: 1))
        Footer.render(formKeys, into: canvas, row: 0, width: 20, col: 5)
        #expect(canvas.lines()[0].count <= 25)
        #expect(canvas.role(row: 0, col: 0) == .text)
    }

    @Test("help overlay lists every binding with all its keys")
    func helpOverlay() {
        let canvas = GridCanvas(size: Size(cols: 80, rows: 24))
        HelpOverlay.render(formKeys, title: "Customer form keys", into: canvas)
        for binding in formKeys.bindings {
            #expect(canvas.contains(binding.help), "\(binding.help)")
            #expect(canvas.contains(binding.keyNames), "\(binding.keyNames)")
        }
        #expect(canvas.contains("^S, F2"))
        #expect(canvas.contains("^P, :"))
        #expect(canvas.contains("Customer form keys"))
        #expect(canvas.contains("┌"))
    }

    @Test("help overlay scrolls when the terminal is short")
    func helpScroll() {
        let canvas = GridCanvas(size: Size(cols: 60, rows: 6), asciiOnly: true)
        HelpOverlay.render(formKeys, into: canvas)
        #expect(canvas.contains("Save the customer"))
        #expect(!canvas.contains("Show this help"))
        #expect(canvas.contains("v more"))
        canvas.clear()
        HelpOverlay.render(formKeys, into: canvas, scroll: 100)
        #expect(canvas.contains("Show this help"))
        #expect(canvas.contains("^ more"))
    }

    @Test("boxes in Unicode and ASCII")
    func boxes() {
        let canvas = GridCanvas(size: Size(cols: 12, rows: 4))
        Box.draw(into: canvas, row: 0, col: 0, width: 10, height: 3, title: "Hi")
        #expect(canvas.lines() == ["┌ Hi ────┐", "│        │", "└────────┘", ""])
        #expect(canvas.role(row: 0, col: 2) == .dialogTitle)
        #expect(canvas.role(row: 0, col: 0) == .border)
        let ascii = GridCanvas(size: Size(cols: 12, rows: 4), asciiOnly: true)
        Box.draw(into: ascii, row: 1, col: 1, width: 6, height: 3, fill: .dialog)
        #expect(ascii.lines() == ["", " +----+", " |    |", " +----+"])
        #expect(ascii.role(row: 2, col: 2) == .dialog)
        Box.draw(into: canvas, row: 0, col: 0, width: 4, height: 2, ascii: true)
        #expect(canvas.lines()[0].hasPrefix("+--+"))
    }

    @Test("one footer item can give each of its keys its own action")
    func perKeyActions() {
        enum Move: Equatable { case up, down, other }
        let map = KeyMap<Move>([
            KeyBinding(each: [(.up, .up), (.down, .down)], label: "↑↓", footer: "move", help: "Move"),
            KeyBinding([.enter, .tab], footer: "go", help: "Go", action: .other),
        ])
        #expect(map.action(for: .up) == .up)
        #expect(map.action(for: .down) == .down)
        #expect(map.action(for: .tab) == .other)
        #expect(map.action(for: .escape) == nil)
        #expect(map.bindings[0].keys == [.up, .down])
        let canvas = GridCanvas(size: Size(cols: 40, rows: 1))
        Footer.render(map, into: canvas, row: 0, width: 40)
        #expect(canvas.lines()[0].contains("↑↓ move"))
    }

    @Test("shared keys merge after a screen's own, and never take a key the screen binds")
    func merging() {
        let own = KeyMap<Int>([KeyBinding([.character("?")], footer: "ask", help: "Ask", action: 1)])
        let shared = KeyMap<Int>([
            KeyBinding([.character("?"), .function(1)], footer: "help", help: "Help", action: 2, isHelp: true),
            KeyBinding([.control("c")], footer: "quit", help: "Quit", action: 3),
        ])
        let merged = own.merging(shared)
        #expect(merged.action(for: .character("?")) == 1)
        #expect(merged.action(for: .function(1)) == 2)
        #expect(merged.action(for: .control("c")) == 3)
        #expect(merged.bindings.map(\.footer) == ["ask", "help", "quit"])
        #expect(merged.bindings[1].keys == [.function(1)])
        #expect(merged.erased.bindings.map(\.label) == merged.bindings.map(\.label))
    }
}

