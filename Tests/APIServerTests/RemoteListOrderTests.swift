import APIServer
import CustomerKit
import Foundation
import RemoteAPI
import Testing

/// The list's orders and filters through the remote backend: the console on
/// `--backend remote` against this server sees the same rows, in the same order, as on the
/// embedded store behind it. A search is three sub-queries merged in the client, so this also
/// checks the client's merge order against the server's sort (a search's total may be an
/// upper bound there, as `CustomerSearch` says).
@Suite("Remote list orders and filters")
struct RemoteListOrderTests {
    @Test func remotePagesMatchTheStoreForEveryOrderAndFilter() async throws {
        let harness = try APIHarness()
        try await harness.runLive { _, port in
            let remote = RemoteCustomerClient(configuration: RemoteConfiguration(
                baseURL: "http://127.0.0.1:\(port)/v1", apiKey: APIHarness.keyA, timeout: 60))
            let names = ["acme", "Acme", "ACME Labs", "beta", "Beta acme", "zed", "delta"]
            for n in 0..<21 {
                _ = try await remote.create(CreateCustomerRequest(
                    externalID: "x-\(n)", name: names[n % names.count], email: "u\(20 - n)@\(n % 2 == 0 ? "acme.io" : "b.io")",
                    addressCountry: ["DE", "US", "GB"][n % 3], metadata: n % 2 == 0 ? ["plan": "pro"] : ["plan": "free"]))
            }
            let store = harness.store("env_a")
            var orders: [CustomerListOrder] = []
            for key in CustomerListOrder.Key.allCases { orders += [CustomerListOrder(key), CustomerListOrder(key).reversed] }
            for order in orders {
                for (country, metadata) in [(nil, [:]), ("DE", [:]), (nil, ["plan": "pro"]), ("US", ["plan": "free"])] {
                    for search in [nil, "acme"] {
                        let query = CustomerQuery(search: search, limit: 4, offset: 2, country: country, metadata: metadata,
                                                  order: order)
                        let local = try await store.list(query)
                        let far = try await remote.list(query)
                        #expect(far.items.map(\.id) == local.items.map(\.id), "\(query)")
                        if search == nil {
                            #expect(far.total == local.total, "\(query)")
                        } else {
                            // Sub-queries not read to their end: an upper bound (see CustomerSearch).
                            #expect(far.total >= local.total, "\(query)")
                        }
                    }
                }
            }
        }
    }
}

/// The console edits integration mappings only where the backend keeps them: this project's
/// server says so on every answer (`X-FlexPrice-Console-API`), and gives them back through
/// `?expand=integrations`.
@Suite("Remote integration mappings")
struct RemoteIntegrationMappingTests {
    @Test func thisServerKeepsMappingsAndTheClientKnowsItFromItsAnswers() async throws {
        try await APIHarness().runLive { _, port in
            let remote = RemoteCustomerClient(configuration: RemoteConfiguration(
                baseURL: "http://127.0.0.1:\(port)/v1", apiKey: APIHarness.keyA, timeout: 60))
            #expect(!remote.keepsIntegrationMappings, "nothing known before the first answer")
            let created = try await remote.create(CreateCustomerRequest(externalID: "mapped-1", integrationEntityMapping: [
                IntegrationEntityMapping(entityID: "mapped-1", entityType: "customer", providerType: "stripe", providerEntityID: "cus_1"),
            ]))
            #expect(remote.keepsIntegrationMappings)
            let mappings = try await remote.integrationMappings(customerID: created.id)
            #expect(mappings.map(\.providerType) == ["stripe"] && mappings.map(\.providerEntityID) == ["cus_1"])
            _ = try await remote.update(.id(created.id), UpdateCustomerRequest(integrationEntityMapping: []))
            #expect(try await remote.integrationMappings(customerID: created.id).isEmpty)
        }
    }

    /// This server keeps parents: a customer's children are asked with a `parent_customer_id`
    /// filter and are exactly its children (the detail screen's list).
    @Test func childrenThroughThisServerAreTheCustomersOwn() async throws {
        try await APIHarness().runLive { _, port in
            let remote = RemoteCustomerClient(configuration: RemoteConfiguration(
                baseURL: "http://127.0.0.1:\(port)/v1", apiKey: APIHarness.keyA, timeout: 60))
            let parent = try await remote.create(CreateCustomerRequest(externalID: "parent-1"))
            let child = try await remote.create(CreateCustomerRequest(externalID: "child-1", parentCustomerID: parent.id))
            _ = try await remote.create(CreateCustomerRequest(externalID: "other-1"))
            #expect(try await remote.list(CustomerQuery(parentCustomerID: parent.id)).items.map(\.id) == [child.id])
            #expect(try await remote.list(CustomerQuery(parentCustomerID: child.id)).items.isEmpty)
        }
    }
}
