import Console
import CustomerKit
import Testing
import TerminalUI

/// A save never silently drops what someone else saved while the form was open.
@Suite struct LostUpdateTests {
    static func openEdit(_ backend: FakeBackend) async -> ConsoleHarness {
        var h = await ConsoleHarness(backend: backend)
        await h.press(.character("e"))
        return h
    }

    @Test func noConflictSavesStraightAway() async {
        let backend = FakeBackend(count: 1)
        var h = await Self.openEdit(backend)
        await h.press(.tab, .control("u"))
        await h.type("Mine")
        await h.press(.control("s"))
        #expect(backend.updates.map(\.1) == [UpdateCustomerRequest(name: "Mine")])
        #expect(!h.contains("Changed by someone else"))
    }

    @Test func aChangeElsewhereIsShownAndOverwriteKeepsTheirOtherFields() async {
        let backend = FakeBackend(count: 1)
        var h = await Self.openEdit(backend)
        backend.editElsewhere(id: "cust_00000") { $0.email = "theirs@example.com" }
        await h.press(.tab, .control("u"))
        await h.type("Mine")
        await h.press(.control("s"))
        #expect(backend.updates.isEmpty)
        let screen = h.screen()
        #expect(screen.contains("Changed by someone else"))
        #expect(screen.contains("bob saved this customer"))
        #expect(screen.contains("theirs@example.com"))
        #expect(h.app.stack.count == 2)  // still in the form
        await h.press(.character("o"))
        #expect(backend.updates.map(\.1) == [UpdateCustomerRequest(name: "Mine")])
        #expect(backend.all[0].email == "theirs@example.com")
        #expect(backend.all[0].name == "Mine")
    }

    @Test func aClashIsMarkedAndReloadKeepsMyChangesOnTop() async {
        let backend = FakeBackend(count: 1)
        var h = await Self.openEdit(backend)
        backend.editElsewhere(id: "cust_00000") { c in
            c.name = "Theirs"
            c.addressCity = "Paris"
        }
        await h.press(.tab, .control("u"))
        await h.type("Mine")
        await h.press(.control("s"))
        // The clashing field is marked; what it was, theirs and yours each have a line.
        let lines = h.lines()
        #expect(lines.contains { $0.contains("! Name") && $0.contains("you both changed it") })
        #expect(lines.contains { $0.contains("theirs") && $0.contains("Theirs") })
        #expect(lines.contains { $0.contains("yours") && $0.contains("Mine") })
        await h.press(.character("r"))
        #expect(h.contains("Reloaded their version"))
        #expect(h.contains("Paris"))      // their city came in
        #expect(h.contains("Mine"))       // my name stayed
        await h.press(.control("s"))      // no conflict now: the form knows their version
        #expect(backend.updates.map(\.1) == [UpdateCustomerRequest(name: "Mine")])
        #expect(backend.all[0].addressCity == "Paris")
    }

    @Test func escBacksOutWithoutSaving() async {
        let backend = FakeBackend(count: 1)
        var h = await Self.openEdit(backend)
        backend.editElsewhere(id: "cust_00000") { $0.name = "Theirs" }
        await h.press(.tab)
        await h.type("!")
        await h.press(.control("s"), .escape)
        #expect(backend.updates.isEmpty)
        #expect(h.contains("Not saved. Ctrl-S tries again."))
        #expect(h.contains("Customer 0!"))
    }

    @Test("a customer deleted meanwhile is said, and can be neither overwritten nor reloaded")
    func aCustomerDeletedMeanwhileIsSaid() async {
        let backend = FakeBackend(count: 1)
        var h = await Self.openEdit(backend)
        backend.editElsewhere(id: "cust_00000") { $0.status = .archived }
        await h.press(.tab)
        await h.type("x")
        await h.press(.control("s"))
        #expect(h.contains("deleted this customer"))
        #expect(h.contains("cannot be"))
        #expect(!h.contains("overwrite"))
        await h.press(.character("o"), .character("r"))
        #expect(backend.updates.isEmpty)
        await h.press(.escape)
        #expect(h.contains("Customer 0x"), "\(h)")  // the typing stays in the form
    }

    @Test("values that share a long start can be told apart in the conflict box at 80 columns")
    func longValuesAreReadWhole() async {
        let backend = FakeBackend(count: 1)
        let start = "Conflict Corporation International Holdings "
        backend.editElsewhere(id: "cust_00000") { $0.name = start + "Ltd" }
        var h = await Self.openEdit(backend)
        backend.editElsewhere(id: "cust_00000") { $0.name = start + "Limited" }
        await h.press(.tab, .control("u"))
        await h.type(start + "GmbH")
        await h.press(.control("s"))
        let screen = h.screen()
        #expect(screen.contains(start + "Limited"))
        #expect(screen.contains(start + "GmbH"))
        #expect(screen.contains(start + "Ltd"))
    }
}

/// The check is part of the write, not a read before it: a rival save that lands after
/// everything the form read, just before its write, is still caught.
@Suite struct ConditionalSaveTests {
    /// Replaces the name with "Mine" and presses Ctrl-S.
    static func renameAndSave(_ h: inout ConsoleHarness) async {
        await h.press(.tab, .control("u"))
        await h.type("Mine")
        await h.press(.control("s"))
    }

    @Test("a rival save between the form's last read and its write is shown, not overwritten")
    func aRivalAtTheLastMomentIsCaught() async {
        let backend = FakeBackend(count: 1)
        var h = await LostUpdateTests.openEdit(backend)
        backend.rivalSavesJustBeforeNextUpdate { $0.email = "carol@example.com" }
        await Self.renameAndSave(&h)
        #expect(backend.updates.isEmpty)
        #expect(h.contains("Changed by someone else"))
        #expect(h.contains("carol@example.com"))
        #expect(backend.all[0].email == "carol@example.com")
        #expect(backend.all[0].name == "Customer 0")
    }

    @Test("overwrite is conditional on their version: a third save meanwhile is shown again")
    func overwriteDoesNotRunOverAThirdSave() async {
        let backend = FakeBackend(count: 1)
        var h = await LostUpdateTests.openEdit(backend)
        backend.editElsewhere(id: "cust_00000") { $0.email = "bob@example.com" }
        await Self.renameAndSave(&h)
        #expect(h.contains("bob@example.com"))
        backend.rivalSavesJustBeforeNextUpdate { $0.addressCity = "Lyon" }
        await h.press(.character("o"))
        #expect(backend.updates.isEmpty)
        #expect(h.contains("Changed by someone else"))
        #expect(h.contains("Lyon"))
        await h.press(.character("o"))
        #expect(backend.updates.map(\.1) == [UpdateCustomerRequest(name: "Mine")])
        #expect(backend.all[0].addressCity == "Lyon")
        #expect(backend.all[0].email == "bob@example.com")
        #expect(backend.all[0].name == "Mine")
    }

    @Test("a rival save that changed nothing the form shows does not stop the save")
    func aTouchOnlySaveGoesThrough() async {
        let backend = FakeBackend(count: 1)
        var h = await LostUpdateTests.openEdit(backend)
        backend.rivalSavesJustBeforeNextUpdate { _ in }
        await Self.renameAndSave(&h)
        #expect(backend.updates.map(\.1) == [UpdateCustomerRequest(name: "Mine")])
        #expect(!h.contains("Changed by someone else"))
    }
}
