import Console
import CustomerKit
import Testing
import TerminalUI

@Suite struct ListScreenTests {
    @Test func emptyStoreTellsTheOperatorToPressN() async {
        let h = await ConsoleHarness(backend: FakeBackend())
        #expect(h.contains("No customers yet. Press n to create the first one."))
        #expect(h.contains("0 customers"))
    }

    @Test func showsColumnsAndCountNewestFirst() async {
        let h = await ConsoleHarness(backend: FakeBackend(count: 3))
        let screen = h.screen()
        #expect(screen.contains("NAME"))
        #expect(screen.contains("EXTERNAL ID"))
        #expect(screen.contains("COUNTRY"))
        #expect(screen.contains("3 customers"))
        let lines = h.lines()
        let first = lines.firstIndex { $0.contains("Customer 2") }!
        let last = lines.firstIndex { $0.contains("Customer 0") }!
        #expect(first < last)
    }

    @Test func scrollsThroughManyCustomersFetchingPagesOnlyAsNeeded() async {
        let backend = FakeBackend(count: 2_000)
        var h = await ConsoleHarness(backend: backend)
        #expect(backend.listCalls.map(\.offset).max()! < 300)  // not everything at once
        #expect(h.contains("2000 customers"))
        await h.press(.end)
        #expect(h.contains("Customer 0"))  // the oldest, last in the list
        #expect(backend.listCalls.contains { $0.offset >= 1_900 })
        await h.press(.home)
        #expect(h.contains("Customer 1999"))
        for _ in 0..<3 { await h.press(.pageDown) }
        #expect(h.contains("Customer \(1999 - 3 * 19)"))
    }

    @Test func slashSearchesAsYouType() async {
        let backend = FakeBackend(count: 30)
        backend.add(Customer(id: "cust_acme", externalID: "acme-1", name: "Acme Corporation", email: "billing@acme.com",
                             createdAt: .now(), updatedAt: .now()))
        var h = await ConsoleHarness(backend: backend)
        await h.press(.character("/"))
        await h.type("acm")
        #expect(h.contains("Acme Corporation"))
        #expect(!h.contains("Customer 3"))
        #expect(h.contains("1 customer "))
        #expect(backend.listCalls.last?.search == "acm")
        // q is text while searching, not quit.
        await h.press(.character("q"))
        #expect(!h.app.shouldQuit)
        #expect(h.contains("No customers match “acmq”"))
        await h.press(.escape)
        #expect(h.contains("31 customers"))
    }

    @Test func deleteAsksFirstThenArchives() async {
        let backend = FakeBackend(count: 2)
        var h = await ConsoleHarness(backend: backend)
        await h.press(.character("d"))
        #expect(h.contains("Delete Customer 1?"))
        await h.press(.character("n"))
        #expect(backend.all.filter { $0.status == .archived }.isEmpty)
        await h.press(.character("d"), .character("y"))
        #expect(backend.all.first { $0.id == "cust_00001" }?.status == .archived)
        #expect(h.contains("1 customer "))
        #expect(h.contains("Deleted cust_00001"))
        await h.press(.character("a"))
        #expect(h.contains("1 archived"))
        #expect(h.contains("Customer 1"))
    }

    @Test func loadFailureIsShownAndReloadRetries() async {
        let backend = FakeBackend(count: 1)
        backend.failNext(.transport(.connectionRefused, message: "Cannot connect to api.example.com"))
        var h = await ConsoleHarness(backend: backend)
        #expect(h.contains("Could not load customers: Cannot connect to api.example.com"))
        await h.press(.character("r"))
        #expect(h.contains("Customer 0"))
    }

    @Test func footerFitsEightyColumnsAndQQuits() async {
        var h = await ConsoleHarness(backend: FakeBackend(count: 1))
        let footer = h.line(23)
        #expect(TextWidth.cells(footer) <= 80)
        #expect(footer.contains("search"))
        #expect(footer.contains("new"))
        #expect(footer.contains("help"))
        await h.press(.character("q"))
        #expect(h.app.shouldQuit)
    }
}

@Suite struct ListReloadTests {
    @Test func reloadKeepsTheRowsOnScreenUntilFreshOnesArrive() async {
        let backend = FakeBackend(count: 2)
        var h = await ConsoleHarness(backend: backend)
        // Press r but do not run its effects yet: the old rows must still be drawn.
        let effects = h.app.handle(.key(.character("r")))
        #expect(!effects.isEmpty)
        #expect(h.contains("Customer 1"))
        #expect(!h.contains("Loading…"))
        await h.run(effects)
        #expect(h.contains("2 customers"))
    }

    @Test func aNewSearchDoesNotShowTheOldRows() async {
        var h = await ConsoleHarness(backend: FakeBackend(count: 2))
        _ = h.app.handle(.key(.character("/")))
        _ = h.app.handle(.key(.character("z")))
        #expect(!h.contains("Customer 1"))
        #expect(h.contains("Loading…"))
    }
}
