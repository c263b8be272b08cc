@testable import Console
import CustomerKit
import Testing
import TerminalUI

@Suite struct AppChromeTests {
    @Test func helpListsEveryKeyOfTheScreenFromItsTable() async {
        var h = await ConsoleHarness(backend: FakeBackend(count: 1))
        await h.press(.character("?"))
        let screen = h.screen()
        for text in ["Search name, email", "Create a new customer", "Delete (archive)", "Reload", "Quit", "PgDn"] {
            #expect(screen.contains(text), "\(text)")
        }
        await h.press(.escape)
        #expect(!h.contains("Create a new customer"))
    }

    @Test func formHelpShowsEditingKeys() async {
        var h = await ConsoleHarness(backend: FakeBackend())
        await h.press(.character("n"), .function(1))
        let screen = h.screen()
        #expect(screen.contains("Save from any field"))
        #expect(screen.contains("Word left"))
    }

    @Test func tinyTerminalSaysSoAndKeepsState() async {
        var h = await ConsoleHarness(backend: FakeBackend())
        await h.press(.character("n"))
        await h.type("kept")
        await h.resize(Size(cols: 40, rows: 10))
        #expect(h.contains("Terminal too small: 40×10"))
        await h.press(.character("x"))  // ignored while too small
        await h.resize(Size(cols: 80, rows: 24))
        #expect(h.contains("kept"))
        #expect(!h.contains("keptx"))
        await h.resize(Size(cols: 120, rows: 40))
        #expect(h.contains("kept"))
        #expect(h.lines()[39].contains("save"))
    }

    @Test func ctrlCAsksWhenTypingWouldBeLost() async {
        var h = await ConsoleHarness(backend: FakeBackend())
        await h.press(.character("n"))
        await h.type("abc")
        await h.press(.control("c"))
        #expect(h.contains("Quit and discard unsaved changes?"))
        #expect(!h.app.shouldQuit)
        await h.press(.control("c"))
        #expect(h.app.shouldQuit)
    }

    @Test func ctrlCQuitsAtOnceWithNothingTyped() async {
        var h = await ConsoleHarness(backend: FakeBackend())
        await h.press(.control("c"))
        #expect(h.app.shouldQuit)
    }

    @Test func hostileDataIsShownEscaped() async {
        let backend = FakeBackend()
        backend.add(Customer(id: "cust_evil", externalID: "e\u{1B}[2J", name: "Evil\u{202E}rtl\u{7}", email: "x@y.co",
                             createdAt: .now(), updatedAt: .now()))
        let h = await ConsoleHarness(backend: backend)
        let screen = h.screen()
        #expect(!screen.contains("\u{1B}"))
        #expect(!screen.contains("\u{202E}"))
        #expect(screen.contains("^["))
    }
}

@Suite struct TitleBarTests {
    @Test func screenTitleWinsAndTheBackendLabelKeepsItsEnd() async {
        let backend = FakeBackend(count: 1)
        var h = await ConsoleHarness(backend: backend)
        await h.press(.character("e"))
        let title = h.lines()[0]
        #expect(title.contains("Edit Customer 0"))
        #expect(title.contains("test.sqlite"))
        #expect(ConsoleApp.keepingEnd("local: /very/long/path/customers.sqlite", cells: 20) == "…th/customers.sqlite")
    }
}

/// The audit trail as an in-memory list.
final class MemoryAuditTrail: AuditTrail {
    let entries: [AuditEntry]
    init(_ entries: [AuditEntry]) { self.entries = entries }
    func append(_ entry: AuditEntry) {}
    func recent(limit: Int) -> [AuditEntry] { Array(entries.prefix(limit)) }
}

@Suite struct AuditScreenTests {
    @Test func showsTheTrailNewestFirstWithOldAndNewValues() async {
        let entry = AuditEntry(time: Timestamp(rfc3339: "2026-11-22T00:10:00Z")!, operator: "alice", backend: "local: x",
                               action: .update, customerID: "cust_1", externalID: "acme-1",
                               changes: ["name": .init(old: .string("Acme"), new: .string("Acme GmbH"))])
        var h = await ConsoleHarness(backend: FakeBackend(), auditTrail: MemoryAuditTrail([entry]))
        await h.press(.character("L"))
        let screen = h.screen()
        #expect(screen.contains("Audit trail"))
        #expect(screen.contains("2026-11-22 00:10:00  alice  update  acme-1  name"))
        #expect(screen.contains("name: \"Acme\" → \"Acme GmbH\""))
        await h.press(.escape)
        #expect(h.contains("No customers yet"))
    }
}
