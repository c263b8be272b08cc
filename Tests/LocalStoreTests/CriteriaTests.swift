import CustomerKit
import Foundation
@testable import LocalStore
import Testing

@Suite("Criteria (structured queries)")
struct CriteriaTests {
    typealias C = CustomerCriteria

    /// Six customers a second apart, oldest first: acct_1 ... acct_6.
    private func populated() async throws -> (LocalCustomerStore, TestClock) {
        let clock = TestClock()
        let store = try makeStore(clock: clock)
        let rows: [CreateCustomerRequest] = [
            CreateCustomerRequest(externalID: "acct_1", name: "Acme Corporation", email: "billing@acme.com",
                                  addressCity: "Berlin", addressCountry: "DE", metadata: ["tier": "gold"]),
            CreateCustomerRequest(externalID: "acct_2", name: "Jürgen Müller", email: "jm@example.de",
                                  contact: "+49 30 1", addressCity: "MÜNCHEN", metadata: ["tier": "silver"]),
            CreateCustomerRequest(externalID: "acct_3", name: "beta labs", email: "ops@beta.io",
                                  addressCity: "münchen", metadata: ["tier": "gold", "region": "eu"]),
            CreateCustomerRequest(externalID: "acct_4", name: "Zed", email: "z@zed.dev", addressCountry: "US"),
            CreateCustomerRequest(externalID: "acct_5", name: "acme labs", email: "hello@acme-labs.com",
                                  timezone: "Europe/Berlin"),
            CreateCustomerRequest(externalID: "acct_6", name: "Ørsted", email: "x@orsted.dk", metadata: [:]),
        ]
        for row in rows {
            try await store.create(row)
            clock.advance(1)
        }
        return (store, clock)
    }

    private func ids(_ store: LocalCustomerStore, _ criteria: C) async throws -> [String] {
        try await store.find(criteria).items.map(\.externalID)
    }

    @Test func noConditionsListsNewestFirstOrOldestFirst() async throws {
        let (store, _) = try await populated()
        let page = try await store.find(C(limit: 2))
        #expect(page.items.map(\.externalID) == ["acct_6", "acct_5"])
        #expect(page.total == 6)
        #expect(try await ids(store, C(newestFirst: false, limit: 3, offset: 1)) == ["acct_2", "acct_3", "acct_4"])
    }

    @Test func equalsInAndNotIn() async throws {
        let (store, _) = try await populated()
        #expect(try await ids(store, C(conditions: [.equals(.field(.email), .text("ops@beta.io"))])) == ["acct_3"])
        #expect(try await ids(store, C(conditions: [.equals(.field(.name), .text("ZED"))])).isEmpty)  // case-sensitive
        #expect(try await ids(store, C(conditions: [.isIn(.field(.externalID), [.text("acct_2"), .text("acct_4")])]))
                == ["acct_4", "acct_2"])
        let notIn = try await store.find(C(conditions: [.notIn(.field(.addressCountry), [.text("DE"), .text("US")])]))
        #expect(notIn.items.map(\.externalID) == ["acct_6", "acct_5", "acct_3", "acct_2"])
        #expect(notIn.total == 4)
    }

    @Test func containsFoldsCaseOnEveryTextColumn() async throws {
        let (store, _) = try await populated()
        // name/email/external id: 3+ characters go through the trigram index.
        #expect(try await ids(store, C(conditions: [.contains(.field(.name), "ACME")])) == ["acct_5", "acct_1"])
        #expect(try await ids(store, C(conditions: [.contains(.field(.name), "müll")])) == ["acct_2"])
        #expect(try await ids(store, C(conditions: [.contains(.field(.email), "ac")])) == ["acct_5", "acct_1"])  // short
        // Other columns through customer_fold: non-ASCII case differences too.
        #expect(try await ids(store, C(conditions: [.contains(.field(.addressCity), "münchen")])) == ["acct_3", "acct_2"])
        #expect(try await ids(store, C(conditions: [.contains(.field(.timezone), "berlin")])) == ["acct_5"])
        #expect(try await ids(store, C(conditions: [.notContains(.field(.name), "labs"), .contains(.field(.email), ".com")]))
                == ["acct_1"])
        // An empty needle is in every value.
        #expect(try await store.find(C(conditions: [.contains(.field(.addressCity), "")])).total == 6)
        #expect(try await store.find(C(conditions: [.notContains(.field(.name), "")])).total == 0)
    }

    @Test func trigramRouteCountsExactly() async throws {
        let (store, _) = try await populated()
        let page = try await store.find(C(conditions: [.contains(.field(.name), "labs"), .contains(.field(.email), "acme")], limit: 1))
        #expect(page.items.map(\.externalID) == ["acct_5"])
        #expect(page.total == 1)
        let both = try await store.find(C(conditions: [.contains(.field(.name), "lab")], limit: 1, offset: 1))
        #expect(both.items.map(\.externalID) == ["acct_3"])
        #expect(both.total == 2)
        let oldest = try await store.find(C(conditions: [.contains(.field(.name), "lab")], newestFirst: false, limit: 1))
        #expect(oldest.items.map(\.externalID) == ["acct_3"])
    }

    @Test func missingContactAndParentReadAsEmpty() async throws {
        let (store, _) = try await populated()
        #expect(try await store.find(C(conditions: [.equals(.field(.contact), .text(""))])).total == 5)
        #expect(try await ids(store, C(conditions: [.contains(.field(.contact), "+49")])) == ["acct_2"])
        #expect(try await store.find(C(conditions: [.equals(.field(.parentCustomerID), .text(""))])).total == 6)
    }

    @Test func beforeAndAfterAreStrict() async throws {
        let (store, _) = try await populated()
        let all = try await store.find(C(newestFirst: false)).items
        let third = all[2].createdAt.date
        #expect(try await ids(store, C(conditions: [.before(.createdAt, third)])) == ["acct_2", "acct_1"])
        #expect(try await ids(store, C(conditions: [.after(.createdAt, third)])) == ["acct_6", "acct_5", "acct_4"])
        #expect(try await ids(store, C(conditions: [.equals(.createdAt, .instant(third))])) == ["acct_3"])
        #expect(try await store.find(C(conditions: [.after(.updatedAt, Date.distantFuture)])).total == 0)
    }

    @Test func metadataContainment() async throws {
        let (store, _) = try await populated()
        #expect(try await ids(store, C(conditions: [.metadataContains(["tier": "gold"])])) == ["acct_3", "acct_1"])
        #expect(try await ids(store, C(conditions: [.metadataContains(["tier": "gold", "region": "eu"])])) == ["acct_3"])
        #expect(try await store.find(C(conditions: [.metadataContains(["tier": "GOLD"])])).total == 0)
        #expect(try await store.find(C(conditions: [.metadataContains([:])])).total == 6)
    }

    @Test func sortKeysThenCreatedAt() async throws {
        let (store, _) = try await populated()
        // Case-insensitive text order (names also accent-insensitive: Ørsted with the O's,
        // before Zed), ties by exact text, then created_at.
        let byName = try await ids(store, C(sort: [C.SortKey(.field(.name))]))
        #expect(byName == ["acct_1", "acct_5", "acct_3", "acct_2", "acct_6", "acct_4"])
        let byNameDesc = try await ids(store, C(sort: [C.SortKey(.field(.name), ascending: false)], limit: 2))
        #expect(byNameDesc == ["acct_4", "acct_6"])
        // Equal cities (folded) fall back to the exact text, then newest first.
        let byCity = try await ids(store, C(sort: [C.SortKey(.field(.addressCity))], limit: 4))
        #expect(byCity == ["acct_6", "acct_5", "acct_4", "acct_1"])
        let created = try await ids(store, C(sort: [C.SortKey(.createdAt), C.SortKey(.field(.name))], limit: 2))
        #expect(created == ["acct_1", "acct_2"])
        let acme = try await store.customer(externalID: "acct_1")
        _ = try await store.update(.id(acme.id), UpdateCustomerRequest(name: "Acme Corp."))
        let updated = try await ids(store, C(sort: [C.SortKey(.updatedAt, ascending: false)], limit: 2))
        #expect(updated == ["acct_1", "acct_6"])
    }

    @Test func tenantAndEnvironmentAreTheScopes() async throws {
        let (store, _) = try await populated()
        #expect(try await store.find(C(conditions: [.equals(.environmentID, .text(store.environmentID))])).total == 6)
        #expect(try await store.find(C(conditions: [.equals(.environmentID, .text("env_other"))])).total == 0)
        #expect(try await store.find(C(conditions: [.contains(.tenantID, "0000")])).total == 6)
        #expect(try await store.find(C(conditions: [.notIn(.tenantID, [.text(store.tenantID)])])).total == 0)
    }

    @Test func archivedStatusAndDeletedRows() async throws {
        let (store, _) = try await populated()
        let acme = try await store.customer(externalID: "acct_1")
        try await store.delete(id: acme.id)
        #expect(try await store.find(C(conditions: [.contains(.field(.name), "acme")])).total == 1)
        #expect(try await ids(store, C(status: .archived, conditions: [.contains(.field(.name), "acme")])) == ["acct_1"])
        #expect(try await store.find(C(status: .archived)).total == 1)
    }

    @Test func otherEnvironmentsStayInvisible() async throws {
        let folder = TemporaryFolder()
        let a = try LocalCustomerStore(path: folder.file("c.sqlite"), environmentID: "env_a")
        let b = try LocalCustomerStore(path: folder.file("c.sqlite"), environmentID: "env_b")
        try await a.create("shared", name: "Acme A")
        try await b.create("shared", name: "Acme B")
        #expect(try await a.find(C(conditions: [.contains(.field(.name), "acme")])).items.map(\.name) == ["Acme A"])
        #expect(try await b.find(C(conditions: [.equals(.field(.externalID), .text("shared"))])).items.map(\.name) == ["Acme B"])
        #expect(try await b.find(C(sort: [C.SortKey(.field(.name))])).total == 1)
    }

    @Test func oddInputMatchesNothingInsteadOfFailing() async throws {
        let (store, _) = try await populated()
        #expect(try await store.find(C(conditions: [.equals(.field(.name), .text("A\0cme"))])).total == 0)
        #expect(try await store.find(C(conditions: [.contains(.field(.name), "acm\0e")])).total == 0)
        #expect(try await store.find(C(conditions: [.notContains(.field(.name), "a\0")])).total == 6)
        #expect(try await store.find(C(conditions: [.contains(.field(.name), String(repeating: "x", count: 900))])).total == 0)
        #expect(try await store.find(C(conditions: [.contains(.field(.name), "\"quoted\" AND x")])).total == 0)
    }

    @Test func problemsAreValidationErrors() async throws {
        let (store, _) = try await populated()
        for bad in [C(limit: 0), C(limit: 1001), C(offset: -1),
                    C(conditions: [.before(.field(.name), Date())]),
                    C(conditions: [.equals(.createdAt, .text("yesterday"))]),
                    C(conditions: [.contains(.metadata, "x")]),
                    C(conditions: [.isIn(.id, Array(repeating: .text("x"), count: C.maxOperands + 1))]),
                    C(sort: [C.SortKey(.metadata)])] {
            let failure = await error { _ = try await store.find(bad) }
            #expect(failure?.code == "validation_error", "\(bad)")
        }
    }

    @Test func integrationMappingsAreKept() async throws {
        let store = try makeStore()
        let mapping = IntegrationEntityMapping(entityID: "cust_x", entityType: "customer", providerType: "stripe",
                                               providerEntityID: "cus_123")
        let with = try await store.create(CreateCustomerRequest(externalID: "m1", integrationEntityMapping: [mapping]))
        let without = try await store.create("m2")
        let found = try await store.integrationMappings(customerIDs: [with.id, without.id, "cust_unknown"])
        #expect(found == [with.id: [mapping]])
        _ = try await store.update(.id(with.id), UpdateCustomerRequest(integrationEntityMapping: []))
        #expect(try await store.integrationMappings(customerIDs: [with.id]).isEmpty)
    }
}
