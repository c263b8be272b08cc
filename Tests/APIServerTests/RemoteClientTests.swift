import APIServer
import CustomerKit
import Foundation
import RemoteAPI
import Testing

/// The console's own remote backend against this server on a loopback port: what
/// `flexprice-console --backend remote` does, through URLSession and real sockets.
@Suite("RemoteCustomerClient against the server")
struct RemoteClientTests {
    private func client(_ port: Int, key: String? = APIHarness.keyA) -> RemoteCustomerClient {
        RemoteCustomerClient(configuration: RemoteConfiguration(baseURL: "http://127.0.0.1:\(port)/v1", apiKey: key,
                                                                timeout: 60))
    }

    private func failure(_ operation: () async throws -> Void) async -> CustomerError? {
        do {
            try await operation()
            return nil
        } catch let error as CustomerError {
            return error
        } catch {
            Issue.record("not a CustomerError: \(error)")
            return nil
        }
    }

    @Test func everyBackendOperation() async throws {
        try await APIHarness().runLive { _, port in
            let remote = client(port)
            let created = try await remote.create(CreateCustomerRequest(
                externalID: "remote/1", name: "Remote Acme", email: "ops@acme.com", addressCountry: "DE",
                metadata: ["tier": "gold"]))
            #expect(created.environmentID == "env_a")
            #expect(try await remote.customer(id: created.id) == created)
            // An external id with `/` goes through search in the client; the path form works here too.
            #expect(try await remote.customer(externalID: "remote/1").id == created.id)
            for index in 2...4 {
                _ = try await remote.create(CreateCustomerRequest(externalID: "remote-\(index)", name: "Other \(index)"))
            }
            let page = try await remote.list(CustomerQuery(limit: 2, offset: 1))
            #expect(page.items.map(\.externalID) == ["remote-3", "remote-2"])
            #expect(page.total == 4)
            #expect(page.offset == 1)
            let search = try await remote.list(CustomerQuery(search: "ACME"))
            #expect(search.items.map(\.id) == [created.id])
            #expect(search.total == 1)
            let renamed = try await remote.update(.id(created.id), UpdateCustomerRequest(name: "Renamed", metadata: [:]))
            #expect(renamed.name == "Renamed")
            #expect(renamed.metadata == [:])
            let byExternal = try await remote.update(.externalID("remote-2"), UpdateCustomerRequest(email: "two@x.io"))
            #expect(byExternal.email == "two@x.io")
            try await remote.delete(id: created.id)
            #expect(try await remote.customer(id: created.id).status == .archived)
            #expect(try await remote.list(CustomerQuery(status: .archived)).items.map(\.id) == [created.id])
        }
    }

    @Test func errorsArriveOnTheirFields() async throws {
        try await APIHarness().runLive { _, port in
            let remote = client(port)
            _ = try await remote.create(CreateCustomerRequest(externalID: "taken"))
            let duplicate = await failure { _ = try await remote.create(CreateCustomerRequest(externalID: "taken")) }
            #expect(duplicate?.code == "already_exists")
            #expect(duplicate?.fieldErrors[.externalID] != nil)
            let missing = await failure { _ = try await remote.customer(id: "cust_missing") }
            #expect(missing == .notFound(message: "Customer with ID cust_missing was not found",
                                         details: ["customer_id": "cust_missing"]))
            let gone = await failure { _ = try await remote.customer(externalID: "nobody") }
            #expect(gone?.code == "not_found")
            // The server checks with the same table; the client would stop this before sending, so
            // check the server's own answer with a parent that does not exist.
            let parent = await failure {
                _ = try await remote.create(CreateCustomerRequest(externalID: "kid", parentCustomerID: "cust_none"))
            }
            #expect(parent?.code == "validation_error")
            #expect(parent?.fieldErrors[.parentCustomerID] != nil)
        }
    }

    @Test func wrongKeysAndOtherEnvironments() async throws {
        try await APIHarness().runLive { _, port in
            let wrong = await failure { _ = try await client(port, key: "sk_wrong_key_123456789").list(CustomerQuery()) }
            #expect(wrong?.code == "unauthorized")
            #expect(wrong?.description.contains("sk_wrong_key_123456789") == false)
            let none = await failure { _ = try await client(port, key: nil).list(CustomerQuery()) }
            #expect(none?.code == "unauthorized")
            let a = try await client(port).create(CreateCustomerRequest(externalID: "mine"))
            let b = client(port, key: APIHarness.keyB)
            #expect(try await b.list(CustomerQuery()).total == 0)
            let hidden = await failure { _ = try await b.customer(id: a.id) }
            #expect(hidden?.code == "not_found")
            let wrongBase = await failure {
                _ = try await RemoteCustomerClient(configuration: RemoteConfiguration(
                    baseURL: "http://127.0.0.1:\(port)", apiKey: APIHarness.keyA)).customer(id: a.id)
            }
            #expect(wrongBase?.description.contains("/v1") == true)  // the plain 404 reads as a base URL hint
        }
    }
}
