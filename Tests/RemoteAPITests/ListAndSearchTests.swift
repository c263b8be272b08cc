import CustomerKit
import FlyingFox
import Foundation
import RemoteAPI
import Testing

@Suite struct ListAndSearchTests {
    @Test func aListPageKeepsTheRequestedOffset() async throws {
        try await withStub({ request in
            let items = (0..<25).map { Fixtures.customer(id: "cust_\($0)", externalID: "x\($0)") }
            // The server answers offset = request offset + limit (75 here).
            return .json(200, Fixtures.list(items, total: 137, limit: 25, requestOffset: 50))
        }) { stub in
            let page = try await stub.client().list(CustomerQuery(limit: 25, offset: 50))
            #expect(page.offset == 50)
            #expect(page.limit == 25)
            #expect(page.total == 137)
            #expect(page.items.count == 25)
            #expect(page.hasMore)
            let sent = try #require(await stub.requests.first)
            #expect(sent.method == "POST")
            #expect(sent.path == "/v1/customers/search")
            #expect(sent.headers["content-type"] == "application/json")
            #expect(sent.bodyText == #"{"limit":25,"offset":50,"status":"published"}"#)
        }
    }

    @Test func statusAndExternalIDAreSent() async throws {
        try await withStub({ _ in .json(200, Fixtures.list([], total: 0, limit: 50, requestOffset: 0)) }) { stub in
            let query = CustomerQuery(status: .archived, externalID: "user_1")
            let page = try await stub.client().list(query)
            #expect(page.items.isEmpty)
            #expect(page.total == 0)
            #expect(!page.hasMore)
            let sent = try #require(await stub.requests.first)
            #expect(sent.bodyText == #"{"external_id":"user_1","limit":50,"offset":0,"status":"archived"}"#)
        }
    }

    /// The live server has no parents (and refuses the column): a customer's children there
    /// are none, asked of nobody. Ignoring the filter once listed every customer as a child.
    @Test func childrenOnTheLiveServerAreNoneWithoutARequest() async throws {
        let items = (0..<3).map { Fixtures.customer(id: "cust_\($0)", externalID: "x\($0)") }
        try await withStub({ _ in .json(200, Fixtures.list(items, total: 3, limit: 50, requestOffset: 0)) }) { stub in
            let client = stub.client()
            _ = try await client.list(CustomerQuery())
            let children = try await client.list(CustomerQuery(parentCustomerID: "cust_0"))
            #expect(children.items.isEmpty && children.total == 0)
            #expect(await stub.requests.count == 1, "only the plain list was sent")
        }
    }

    /// A server without this project's header (the live FlexPrice server) keeps no mappings;
    /// its mappings are read through `?expand=integrations`.
    @Test func theLiveServerKeepsNoMappingsAndItsExpandIsRead() async throws {
        let body = #"{"id":"cust_1","external_id":"x","name":"","email":"","status":"published","#
            + #""created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:00Z","#
            + #""integrations":[{"id":"eim_1","provider_type":"stripe","provider_entity_id":"cus_9","entity_type":"customer","#
            + #""entity_id":"cust_1","metadata":{"k":1}}]}"#
        try await withStub({ _ in .json(200, body) }) { stub in
            let client = stub.client()
            let mappings = try await client.integrationMappings(customerID: "cust_1")
            #expect(mappings.map(\.providerType) == ["stripe"] && mappings.map(\.providerEntityID) == ["cus_9"])
            #expect(!client.keepsIntegrationMappings)
            let sent = try #require(await stub.requests.first)
            #expect(sent.path == "/v1/customers/cust_1" && sent.query == "expand=integrations")
        }
    }

    static let smallDirectory = FakeDirectory(rows: [
        .init(id: "cust_01", externalID: "e1", name: "Acme Corp", email: "a@x.com", created: 10),
        .init(id: "cust_02", externalID: "e2", name: "Beta", email: "acme-billing@beta.com", created: 20),
        .init(id: "cust_03", externalID: "ACME-3", name: "Gamma", email: "g@g.com", created: 30),
        .init(id: "cust_04", externalID: "acme-4", name: "ACME Two", email: "acme@two.com", created: 40),
        .init(id: "cust_05", externalID: "d5", name: "Delta", email: "d@d.com", created: 50),
        .init(id: "cust_06", externalID: "e6", name: "Acme old", email: "o@o.com", created: 60, status: "archived"),
        .init(id: "cust_07", externalID: "t7", name: "acme tie", email: "t@t.com", created: 40),
    ])

    @Test func searchMergesNameEmailAndExternalIDMatchesNewestFirst() async throws {
        let directory = Self.smallDirectory
        try await withStub({ directory.answer($0) }) { stub in
            let page = try await stub.client().list(CustomerQuery(search: "acme", limit: 10))
            // Same created_at for 04 and 07: the higher id first. 04 matches all three queries once.
            #expect(page.items.map(\.id) == ["cust_07", "cust_04", "cust_03", "cust_02", "cust_01"])
            #expect(page.total == 5)
            #expect(page.offset == 0)
            #expect(!page.hasMore)

            let probes = try await stub.requests.map { try $0.decodeBody(SearchProbe.self) }
            #expect(probes.count == 3)
            let fields = probes.compactMap { $0.filters?.first?.field }.sorted()
            #expect(fields == ["email", "external_id", "name"])
            for probe in probes {
                #expect(probe.filters?.count == 1)
                let filter = try #require(probe.filters?.first)
                #expect(filter.operator == "contains")
                #expect(filter.dataType == "string")
                #expect(filter.value == ["string": "acme"])
                #expect(probe.status == "published")
                #expect(probe.limit == 10)
                #expect(probe.offset == 0)
            }
        }
    }

    @Test func searchSlicesTheMergedResultAtTheRequestedOffset() async throws {
        let directory = Self.smallDirectory
        try await withStub({ directory.answer($0) }) { stub in
            let page = try await stub.client().list(CustomerQuery(search: "ACME", limit: 2, offset: 2))
            #expect(page.items.map(\.id) == ["cust_03", "cust_02"])
            #expect(page.offset == 2)
            #expect(page.limit == 2)
            // Each sub-query was asked for offset + limit rows from the start.
            let probes = try await stub.requests.map { try $0.decodeBody(SearchProbe.self) }
            #expect(probes.allSatisfy { $0.limit == 4 && $0.offset == 0 })
            // Every sub-query had fewer matches (name 3, email 2, external id 2) than the 4 rows
            // asked for, so each was read to its end and the total is exact.
            #expect(page.total == 5)
        }
    }

    @Test func deepPagesAreFetchedInChunksOfAtMost1000AndTheTotalIsAnUpperBound() async throws {
        // 1500 names match; every third email matches too; no external id does.
        let rows = (0..<1500).map { i in
            FakeDirectory.Row(id: String(format: "cust_%05d", i), externalID: "ext-\(i)", name: "Acme \(i)",
                              email: i % 3 == 0 ? "acme\(i)@x.com" : "u\(i)@x.com", created: i)
        }
        let directory = FakeDirectory(rows: rows)
        try await withStub({ directory.answer($0) }) { stub in
            let page = try await stub.client().list(CustomerQuery(search: "acme", limit: 20, offset: 990))
            // Newest first: created 1499 is row 0 of the merged list, so offset 990 is created 509.
            #expect(page.items.map(\.id) == (490...509).reversed().map { String(format: "cust_%05d", $0) })
            #expect(page.offset == 990)

            let probes = try await stub.requests.map { try $0.decodeBody(SearchProbe.self) }
            let nameProbes = probes.filter { $0.filters?.first?.field == "name" }
                .sorted { ($0.offset ?? 0) < ($1.offset ?? 0) }
            #expect(nameProbes.map { [$0.limit ?? -1, $0.offset ?? -1] } == [[1000, 0], [10, 1000]])
            #expect(probes.allSatisfy { ($0.limit ?? 0) <= 1000 })

            // Name was cut short (1010 of 1500 fetched), so the total is the sum of the sub-totals
            // (1500 + 500 + 0) minus the duplicates actually seen: emails among names 490...1499.
            let duplicatesSeen = (490...1499).filter { $0 % 3 == 0 }.count
            #expect(page.total == 2000 - duplicatesSeen)
            #expect(page.total >= 1500)
            #expect(page.hasMore)
        }
    }

    @Test func aFailingSubQueryFailsTheSearch() async throws {
        let directory = Self.smallDirectory
        try await withStub({ request in
            let probe = try request.decodeBody(SearchProbe.self)
            if probe.filters?.first?.field == "email" { return .json(500, Fixtures.databaseError) }
            return directory.answer(request)
        }) { stub in
            await #expect(throws: CustomerError.server(code: "database_error", status: 500,
                                                       message: "Failed to update customer", details: [:])) {
                _ = try await stub.client().list(CustomerQuery(search: "acme"))
            }
        }
    }
}
