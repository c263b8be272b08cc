import CustomerKit
import Foundation
@testable import LocalStore
import Testing

@Suite("Search")
struct SearchTests {
    /// A small population: name, email, external id.
    private func populated() async throws -> LocalCustomerStore {
        let clock = TestClock()
        let store = try makeStore(clock: clock)
        let rows: [(String, String, String)] = [
            ("acct_001", "Acme Corporation", "billing@acme.com"),
            ("acct_002", "Jürgen Müller", "jm@example.de"),
            ("CRM-77", "Ärger GmbH", "info@aerger.de"),
            ("user_9", "Zoë Ørsted", "zoe@orsted.dk"),
            ("ORG-5", "Straße AG", "kontakt@strasse.ch"),
            ("x-quote", "The \"Quoted\" Co", "q@q.io"),
        ]
        for (externalID, name, email) in rows {
            try await store.create(externalID, name: name, email: email)
            clock.advance(1)
        }
        return store
    }

    @Test func matchesNameEmailOrExternalIDCaseInsensitively() async throws {
        let store = try await populated()
        #expect(try await store.externalIDs(search: "ACME") == ["acct_001"])       // name and email
        #expect(try await store.externalIDs(search: "example.DE") == ["acct_002"]) // email
        #expect(try await store.externalIDs(search: "crm-7") == ["CRM-77"])        // external id
        #expect(try await store.externalIDs(search: "acct_") == ["acct_002", "acct_001"])
        #expect(try await store.externalIDs(search: "nothing like it").isEmpty)
    }

    @Test func nonASCIICaseFolding() async throws {
        let store = try await populated()
        #expect(try await store.externalIDs(search: "ÄRGER") == ["CRM-77"])
        #expect(try await store.externalIDs(search: "MÜLLER") == ["acct_002"])
        #expect(try await store.externalIDs(search: "zoË ør") == ["user_9"])
        #expect(try await store.externalIDs(search: "STRASSE") == ["ORG-5"])  // the email
        #expect(try await store.externalIDs(search: "straße") == ["ORG-5"])
        // Decomposed input (A + combining diaeresis) finds the composed stored name.
        #expect(try await store.externalIDs(search: "A\u{308}rger") == ["CRM-77"])
    }

    @Test func shortSearchesMatchSubstringsWithExactTotals() async throws {
        let store = try await populated()
        #expect(try await store.externalIDs(search: "ü") == ["acct_002"])
        #expect(try await store.externalIDs(search: "Ø") == ["user_9"])
        #expect(try await store.list(CustomerQuery(search: "q")).total == 1)
        #expect(try await store.externalIDs(search: "77") == ["CRM-77"])
        #expect(try await store.externalIDs(search: "m") == ["CRM-77", "acct_002", "acct_001"])
        #expect(try await store.list(CustomerQuery(search: "m")).total == 3)
        #expect(try await store.externalIDs(search: "zz").isEmpty)
        // The last character of a value is found too.
        #expect(try await store.externalIDs(search: "5") == ["ORG-5"])
    }

    @Test func shortSearchesThroughTheIndexVocabulary() async throws {
        let store = try await populated()
        // A walk budget of 0 sends every short search to the trigram vocabulary route.
        func ids(_ text: String) async throws -> [String] {
            try await store.list(CustomerQuery(search: text), walkBudget: 0).items.map(\.externalID)
        }
        #expect(try await ids("ü") == ["acct_002"])
        #expect(try await ids("5") == ["ORG-5"])
        #expect(try await ids("m") == ["CRM-77", "acct_002", "acct_001"])
        #expect(try await ids("dk") == ["user_9"])
        #expect(try await ids("zz").isEmpty)
        let page = try await store.list(CustomerQuery(search: "m", limit: 2, offset: 1), walkBudget: 0)
        #expect(page.items.map(\.externalID) == ["acct_002", "acct_001"] && page.total == 3)
    }

    @Test func queryTextIsNeverSyntax() async throws {
        let store = try await populated()
        #expect(try await store.externalIDs(search: "\"quoted\"") == ["x-quote"])
        #expect(try await store.externalIDs(search: "\"") == ["x-quote"])
        for odd in ["AND", "a OR b", "NEAR(", "*", "'; DROP TABLE customers; --", "%", "_", "^ac"] {
            _ = try await store.list(CustomerQuery(search: odd))
        }
        #expect(try await store.externalIDs(search: "_") == ["user_9", "acct_002", "acct_001"])
        #expect(try await store.list(CustomerQuery()).total == 6)
    }

    @Test func whitespaceAroundTheSearchIsIgnored() async throws {
        let store = try await populated()
        #expect(try await store.externalIDs(search: "  acme \t") == ["acct_001"])
        #expect(try await store.list(CustomerQuery(search: "   ")).total == 6)
    }

    @Test func searchCombinesWithFilters() async throws {
        let store = try await populated()
        let page = try await store.list(CustomerQuery(search: "Acme", externalID: "acct_001"))
        #expect(page.total == 1)
        #expect(try await store.list(CustomerQuery(search: "Acme", externalID: "acct_002")).total == 0)
    }

    @Test func searchPagesAndTotals() async throws {
        let clock = TestClock()
        let store = try makeStore(clock: clock)
        for index in 0..<30 {
            try await store.create("cust-\(index)", name: index % 3 == 0 ? "Fizz Ltd \(index)" : "Other \(index)")
            clock.advance(0.001)
        }
        let first = try await store.list(CustomerQuery(search: "fizz", limit: 4))
        #expect(first.total == 10)
        #expect(first.items.map(\.externalID) == ["cust-27", "cust-24", "cust-21", "cust-18"])
        let last = try await store.list(CustomerQuery(search: "fizz", limit: 4, offset: 8))
        #expect(last.items.map(\.externalID) == ["cust-3", "cust-0"])
        #expect(!last.hasMore)
    }
}
