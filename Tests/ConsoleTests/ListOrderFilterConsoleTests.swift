import Console
import CustomerKit
import LocalStore
import Testing
import TerminalUI

/// The list's `s` (sort), `f`/`F` (filters) and `g` (go to a customer), headless, on a real
/// embedded store: what the operator sees in the header, the toolbar and the rows.
@Suite struct ListOrderFilterConsoleTests {
    /// Four customers, created in this order: zed (US, plan pro), acme (DE), Beta (DE, plan pro), delta (GB).
    static func store() async throws -> LocalCustomerStore {
        let store = try LocalCustomerStore.temporary()
        for (external, name, country, plan) in [("z-1", "zed", "US", "pro"), ("a-1", "acme", "DE", nil),
                                                ("b-1", "Beta", "DE", "pro"), ("d-1", "delta", "GB", nil)] {
            _ = try await store.create(CreateCustomerRequest(externalID: external, name: name, email: "\(external)@example.com",
                                                             addressCountry: country, metadata: plan.map { ["plan": $0] }))
        }
        return store
    }

    /// The names in the list's rows, top to bottom.
    static func names(_ h: ConsoleHarness) -> [String] {
        h.lines().compactMap { line in ["zed", "acme", "Beta", "delta"].first { line.contains(" \($0) ") } }
    }

    @Test func sCyclesTheOrderAndTheHeaderShowsIt() async throws {
        var h = await ConsoleHarness(backend: try await Self.store(), size: Size(cols: 100, rows: 24))
        #expect(Self.names(h) == ["delta", "Beta", "acme", "zed"], "newest first:\(h)")
        #expect(h.contains("CREATED ▼"))
        await h.press(.character("s"))
        #expect(Self.names(h) == ["acme", "Beta", "delta", "zed"], "name A to Z, ignoring case:\(h)")
        #expect(h.contains("NAME ▲") && h.contains("Sorted by name A→Z"))
        await h.press(.character("S"))
        #expect(Self.names(h) == ["zed", "delta", "Beta", "acme"], "S reverses it:\(h)")
        #expect(h.contains("NAME ▼"))
        await h.press(.character("s"))
        #expect(h.contains("EMAIL ▲"))
        #expect(Self.names(h) == ["acme", "Beta", "delta", "zed"])
        await h.press(.character("s"))
        #expect(h.contains("UPDATED ▼"))
        await h.press(.character("s"))
        #expect(h.contains("CREATED ▼"), "and round to the start:\(h)")
        #expect(Self.names(h) == ["delta", "Beta", "acme", "zed"])
    }

    @Test func fFiltersByCountryAndMetadataAndFClearsThem() async throws {
        var h = await ConsoleHarness(backend: try await Self.store(), size: Size(cols: 100, rows: 24))
        await h.press(.character("f"))
        #expect(h.contains("Filter customers") && h.contains("Metadata key"))
        await h.type("de")
        #expect(h.contains("DE") && h.contains("Germany"), "the code upper-cases and is named:\(h)")
        await h.press(.enter)
        #expect(Self.names(h) == ["Beta", "acme"], "\(h)")
        #expect(h.contains("[country DE]") && h.contains("2 customers"))
        await h.press(.character("f"))
        await h.press(.tab)
        await h.type("plan")
        await h.press(.tab)
        await h.type("pro")
        await h.press(.enter)
        #expect(Self.names(h) == ["Beta"], "both filters hold:\(h)")
        #expect(h.contains("[country DE · plan=pro]"))
        await h.press(.character("F"))
        #expect(Self.names(h) == ["delta", "Beta", "acme", "zed"], "F clears them:\(h)")
        #expect(!h.contains("[country"))
    }

    @Test func theFilterScreenRefusesAnUnknownCountryAndKeepsTheTyping() async throws {
        var h = await ConsoleHarness(backend: try await Self.store(), size: Size(cols: 100, rows: 24))
        await h.press(.character("f"))
        await h.type("xx")
        await h.press(.tab)
        await h.type("plan")
        await h.press(.enter)
        #expect(h.contains("“XX” is not an ISO 3166-1 alpha-2 country code"), "\(h)")
        #expect(h.contains("plan"), "nothing typed is lost")
        await h.press(.escape)
        #expect(Self.names(h).count == 4, "Esc leaves the list as it was:\(h)")
    }

    @Test func aFilterThatMatchesNobodySaysHowToClearIt() async throws {
        var h = await ConsoleHarness(backend: try await Self.store(), size: Size(cols: 100, rows: 24))
        await h.press(.character("f"))
        await h.type("fr")
        await h.press(.enter)
        #expect(h.contains("No customers match the filters (country FR). Press F to clear them."), "\(h)")
    }

    @Test func gGoesToACustomerByExternalIDOrID() async throws {
        let store = try await Self.store()
        let beta = try await store.customer(externalID: "b-1")
        var h = await ConsoleHarness(backend: store, size: Size(cols: 100, rows: 24))
        await h.press(.character("g"))
        #expect(h.contains("Go to:") && h.contains("id (cust_…) or external id"))
        await h.type("b-1")
        await h.press(.enter)
        #expect(h.contains(beta.id) && h.contains("Beta"), "the detail screen opens:\(h)")
        await h.press(.escape)
        await h.press(.character("g"))
        await h.type(beta.id)
        await h.press(.enter)
        #expect(h.contains(beta.id) && h.contains("b-1@example.com"), "by id too:\(h)")
        await h.press(.escape)
        await h.press(.character("g"))
        await h.type("nobody")
        await h.press(.enter)
        #expect(h.contains("No customer has the id or external id “nobody”"), "\(h)")
        await h.press(.character("g"))
        await h.type("half typed")
        await h.press(.escape)
        #expect(!h.contains("Go to:"), "Esc closes the prompt:\(h)")
    }

    /// A stray paste into the go-to prompt stops at the longest id there is, and the answer
    /// quotes it in one line's worth (it once wrapped over the list).
    @Test func aHugePasteIntoGoToIsBoundedAndQuotedShort() async throws {
        var h = await ConsoleHarness(backend: try await Self.store(), size: Size(cols: 100, rows: 24))
        await h.press(.character("g"))
        await h.press(.paste(String(repeating: "A", count: 2_000)))
        await h.press(.enter)
        #expect(h.contains("No customer has the id or external id"), "\(h)")
        #expect(h.contains("“" + String(repeating: "A", count: 59) + "…”"), "\(h)")
        #expect(Self.names(h).count == 4, "the list stays in view:\(h)")
    }

    @Test func exportTakesTheListsFiltersAndOrder() async throws {
        var h = await ConsoleHarness(backend: try await Self.store(), size: Size(cols: 100, rows: 24))
        await h.press(.character("f"))
        await h.type("DE")
        await h.press(.enter)
        await h.press(.character("s"))
        await h.press(.character("x"))
        #expect(h.contains("Export all customers, country DE, sorted by name A→Z"), "\(h)")
    }
}
