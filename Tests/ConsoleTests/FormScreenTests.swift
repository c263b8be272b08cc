import Console
import CustomerKit
import Testing
import TerminalUI

@Suite struct FormScreenTests {
    /// Opens the create form and types the nine fields the benchmark types.
    static func fillNineFields(_ h: inout ConsoleHarness) async {
        for (text, skip) in [("user_12345", false), ("Acme Corporation", false), ("billing@acme.com", false),
                             ("123 Main Street", true), ("San Francisco", false), ("CA", false), ("94105", false)] {
            await h.type(text)
            await h.press(.down)
            if skip { await h.press(.down) }
        }
        await h.type("US")
    }

    @Test func createsACustomerThroughTheForm() async {
        let backend = FakeBackend()
        var h = await ConsoleHarness(backend: backend)
        await h.press(.character("n"))
        #expect(h.contains("New customer"))
        #expect(h.contains("External ID *"))
        await Self.fillNineFields(&h)
        #expect(h.contains("US  United States"))
        await h.press(.control("s"))
        #expect(backend.creates.count == 1)
        let request = backend.creates[0]
        #expect(request.externalID == "user_12345")
        #expect(request.addressCountry == "US")
        #expect(request.addressLine2 == nil)
        #expect(h.contains("Saved Acme Corporation"))
        #expect(h.contains("1 customer "))
    }

    @Test func fieldOrderIsTheProducts() async {
        var h = await ConsoleHarness(backend: FakeBackend())
        await h.press(.character("n"))
        let lines = h.lines()
        let labels = ["External ID", "Name", "Email", "Address line 1", "Address line 2", "City", "State",
                      "Postal code", "Country", "Metadata", "Parent customer"]
        let rows = labels.map { label in lines.firstIndex { $0.contains(label) } ?? -1 }
        #expect(rows == rows.sorted() && !rows.contains(-1), "\(rows)")
    }

    @Test func invalidSaveSavesNothingAndFocusesTheFirstInvalidField() async {
        let backend = FakeBackend()
        var h = await ConsoleHarness(backend: backend)
        await h.press(.character("n"), .down, .down)
        await h.type("not-an-email")
        await h.press(.control("s"))
        #expect(backend.creates.isEmpty)
        #expect(h.contains("required"))
        #expect(h.contains("not an email address"))
        #expect(h.contains("2 fields need attention"))
        // The cursor is on the external id row, the first invalid field.
        #expect(h.cursorLine()?.contains("External ID") == true)
    }

    @Test func emailErrorAppearsOnLeavingAndUpdatesLive() async {
        var h = await ConsoleHarness(backend: FakeBackend())
        await h.press(.character("n"), .down, .down)
        await h.type("a@b")
        #expect(!h.contains("not an email address"))  // not while typing the first time
        await h.press(.tab)
        #expect(h.contains("not an email address"))
        await h.press(.backTab)
        await h.type(".co")
        #expect(!h.contains("not an email address"))  // cleared live once fixed
    }

    @Test func countryUppercasesAndCompletesFromNames() async {
        var h = await ConsoleHarness(backend: FakeBackend())
        await h.press(.character("n"))
        for _ in 0..<8 { await h.press(.tab) }
        await h.type("germ")
        #expect(h.contains("GERM"))
        #expect(h.contains("DE  Germany"))
        await h.press(.enter)
        #expect(h.contains("DE"))
        #expect(!h.contains("GERM"))
        #expect(!h.contains("unknown country code"))
    }

    @Test func unknownCountryIsFlaggedOnLeaving() async {
        var h = await ConsoleHarness(backend: FakeBackend())
        await h.press(.character("n"))
        for _ in 0..<8 { await h.press(.tab) }
        await h.type("zz")
        #expect(!h.contains("ZZ  "))  // no country matches, so no suggestions
        await h.press(.tab)
        #expect(h.contains("unknown country code"))
    }

    @Test func byteLimitIsAHardStopWithACounter() async {
        var h = await ConsoleHarness(backend: FakeBackend())
        await h.press(.character("n"))
        for _ in 0..<7 { await h.press(.tab) }
        await h.type(String(repeating: "é", count: 9))  // 18 bytes
        #expect(h.contains("18/20 bytes"))
        await h.type("éé")  // the first fits (20 bytes), the second is refused
        #expect(h.contains("20/20 bytes"))
        #expect(h.contains(String(repeating: "é", count: 10)))
        #expect(!h.contains(String(repeating: "é", count: 11)))
        #expect(h.contains("Postal code holds at most 20 bytes"))
    }

    @Test func pasteInsertsAndNeverSubmits() async {
        let backend = FakeBackend()
        var h = await ConsoleHarness(backend: backend)
        await h.press(.character("n"), .paste("pasted-id\r\n"))
        #expect(backend.creates.isEmpty)
        #expect(h.contains("pasted-id"))
        #expect(h.contains("External ID *"))
    }

    @Test func wideCharactersEditCorrectly() async {
        let backend = FakeBackend()
        var h = await ConsoleHarness(backend: backend)
        await h.press(.character("n"))
        await h.type("x1")
        await h.press(.tab)
        await h.type("東京🙂商事")
        await h.press(.backspace, .left, .left)
        await h.type("株")
        #expect(h.contains("東京株🙂商"))
        await h.press(.control("s"))
        #expect(backend.creates.first?.name == "東京株🙂商")
    }

    @Test func duplicateExternalIDLandsOnItsFieldAndKeepsTyping() async {
        let backend = FakeBackend(count: 1)
        var h = await ConsoleHarness(backend: backend)
        await h.press(.character("n"))
        await h.type("ext-0")
        await h.press(.tab)
        await h.type("Someone")
        await h.press(.control("s"))
        #expect(h.contains("already in use"))
        #expect(h.contains("Someone"))
        #expect(h.contains("New customer"))
        #expect(h.cursorLine()?.contains("External ID") == true)
    }

    @Test func remoteFieldErrorsLandOnTheirFields() async {
        let backend = FakeBackend()
        var h = await ConsoleHarness(backend: backend)
        await h.press(.character("n"))
        backend.failNext(.validation(message: "Request validation failed", fields: ["name": "Name: required"]))
        await h.type("x-2")
        await h.press(.control("s"))
        let nameRow = h.lines().first { $0.contains("Name") && !$0.contains("External") }
        #expect(nameRow?.contains("required") == true)
        #expect(h.contains("x-2"))
    }

    @Test func escOnAChangedFormAsksBeforeDiscarding() async {
        var h = await ConsoleHarness(backend: FakeBackend())
        await h.press(.character("n"))
        await h.press(.escape)
        #expect(h.contains("Customers"))  // unchanged: straight back
        await h.press(.character("n"))
        await h.type("typed")
        await h.press(.escape)
        #expect(h.contains("Discard the changes to this customer?"))
        await h.press(.character("n"))
        #expect(h.contains("typed"))
        await h.press(.escape, .character("y"))
        #expect(!h.contains("typed"))
        #expect(h.contains("No customers yet"))
    }

    @Test func editSendsOnlyWhatChanged() async {
        let backend = FakeBackend(count: 1)
        var h = await ConsoleHarness(backend: backend)
        await h.press(.character("e"))
        #expect(h.contains("Edit Customer 0"))
        await h.press(.tab)
        await h.press(.control("u"))
        await h.type("Renamed")
        await h.press(.function(2))
        #expect(backend.updates.count == 1)
        #expect(backend.updates[0].1 == UpdateCustomerRequest(name: "Renamed"))
        #expect(h.contains("Renamed"))
    }

    @Test func metadataEditorAddsEditsAndRemovesPairs() async {
        let backend = FakeBackend()
        var h = await ConsoleHarness(backend: backend)
        await h.press(.character("n"))
        await h.type("m-1")
        for _ in 0..<9 { await h.press(.tab) }
        #expect(h.contains("(none) Enter or type to add a pair"))
        await h.press(.enter)
        await h.type("tier")
        await h.press(.tab)
        await h.type("gold")
        await h.press(.enter)
        await h.press(.enter)  // now on the add row: a second pair
        await h.type("region")
        await h.press(.tab)
        await h.type("eu")
        await h.press(.enter)
        #expect(h.contains("tier"))
        #expect(h.contains("region"))
        await h.press(.up, .delete)  // remove "region"
        #expect(!h.contains("region"))
        await h.press(.control("s"))
        #expect(backend.creates.first?.metadata == ["tier": "gold"])
    }

    @Test func parentIsPickedBySearching() async {
        let backend = FakeBackend()
        backend.add(Customer(id: "cust_parent", externalID: "dept-hq", name: "Headquarters",
                             createdAt: .now(), updatedAt: .now()))
        var h = await ConsoleHarness(backend: backend)
        await h.press(.character("n"))
        await h.type("child-1")
        for _ in 0..<11 { await h.press(.tab) }  // nine fields, metadata, tax rates (integrations: read-only here)
        await h.type("head")
        #expect(h.contains("dept-hq · Headquarters"))
        await h.press(.enter)
        await h.press(.enter)  // Enter on the last field saves
        #expect(backend.creates.first?.parentCustomerID == "cust_parent")
        #expect(backend.creates.first?.parentCustomerExternalID == nil)
    }

    @Test func noParentRowAgainstABackendWithoutParents() async {
        var h = await ConsoleHarness(backend: FakeBackend(), supportsParents: false)
        await h.press(.character("n"))
        #expect(!h.contains("Parent customer"))
    }
}

@Suite struct SlowSaveTests {
    @Test func escDuringASaveAsksToCancelAndTheFormKeepsEverything() async {
        let backend = FakeBackend()
        var h = await ConsoleHarness(backend: backend)
        await h.press(.character("n"))
        await h.type("slow-1")
        // Ctrl-S without running the effect: the save is "in flight".
        let saving = RuntimeCommand.effects(in: h.app.handle(.key(.control("s"))))
        guard case .create = saving.first?.1 else {
            Issue.record("expected a create effect, got \(saving)")
            return
        }
        #expect(RuntimeCommand.effects(in: h.app.handle(.key(.character("x")))).isEmpty)
        #expect(h.contains("Saving… Esc cancels."))
        #expect(h.app.handle(.key(.escape)).contains(.cancel(saving[0].0.screen)))
        // The cancelled request comes back as such.
        await h.run(h.app.receive(.failed(.transport(.cancelled, message: "cancelled"), effect: saving[0].1), for: saving[0].0))
        #expect(h.contains("Cancelled; nothing you typed was lost. The customer may exist already"))
        #expect(h.contains("slow-1"))
        #expect(!h.contains("slow-1x"))
        await h.press(.control("s"))
        #expect(backend.creates.map(\.externalID) == ["slow-1"])
    }
}
