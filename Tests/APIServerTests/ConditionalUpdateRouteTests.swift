import APIServer
import CustomerKit
import Foundation
import HTTPTypes
import RemoteAPI
import Testing

/// Customer answers carry their version as an `ETag`; `PUT` with `If-Match` is applied only
/// while the customer is at that version, checked in the write's transaction.
@Suite("Conditional update routes")
struct ConditionalUpdateRouteTests {
    @Test("ETag on every customer answer; a stale If-Match is refused with 412 version_conflict and changes nothing")
    func staleIfMatchIsRefused() async throws {
        try await APIHarness().run { api in
            let created = try await api.send(.post, "/v1/customers", json: #"{"external_id":"v1","name":"Start"}"#)
            let id = created.customer!.id
            let first = try #require(created.header("ETag"))
            #expect(first == "\"\(created.customer!.updatedAt.text)\"")
            #expect(try await api.send(.get, "/v1/customers/\(id)").header("ETag") == first)
            let alice = try await api.send(.put, "/v1/customers/\(id)", json: #"{"name":"Alice's"}"#, headers: ["If-Match": first])
            #expect(alice.status == 200)
            let second = try #require(alice.header("ETag"))
            #expect(second != first)
            let bob = try await api.send(.put, "/v1/customers/\(id)", json: #"{"email":"bob@x.io"}"#, headers: ["If-Match": first])
            #expect(bob.status == 412, "\(bob.text)")
            #expect(bob.error?.code == "version_conflict")
            #expect(bob.error?.httpStatusCode == 412)
            // The customer as it is comes with the refusal, and its version as the ETag.
            struct Conflict: Decodable { var customer: Customer }
            let current = try JSONDecoder().decode(Conflict.self, from: bob.body).customer
            #expect(current.name == "Alice's")
            #expect(bob.header("ETag") == second)
            let now = try await api.send(.get, "/v1/customers/\(id)")
            #expect(now.customer?.name == "Alice's" && now.customer?.email == "")
            // By external id and by query id the same check applies.
            let byExternal = try await api.send(.put, "/v1/customers?external_customer_id=v1", json: #"{"name":"x"}"#,
                                                headers: ["If-Match": first])
            #expect(byExternal.status == 412)
            let fresh = try await api.send(.put, "/v1/customers?external_customer_id=v1", json: #"{"name":"Fresh"}"#,
                                           headers: ["If-Match": second])
            #expect(fresh.status == 200)
        }
    }

    @Test("If-Match: * and no If-Match update unconditionally; a weak tag never matches; junk is a 400")
    func ifMatchForms() async throws {
        try await APIHarness().run { api in
            let created = try await api.send(.post, "/v1/customers", json: #"{"external_id":"v2"}"#)
            let id = created.customer!.id
            let tag = try #require(created.header("ETag"))
            #expect(try await api.send(.put, "/v1/customers/\(id)", json: #"{"name":"a"}"#, headers: ["If-Match": "*"]).status == 200)
            let weak = try await api.send(.put, "/v1/customers/\(id)", json: #"{"name":"b"}"#, headers: ["If-Match": "W/" + tag])
            #expect(weak.status == 412)
            for junk in ["not-a-tag", "\"yesterday\"", "\"a\", \"b\""] {
                let reply = try await api.send(.put, "/v1/customers/\(id)", json: #"{"name":"c"}"#, headers: ["If-Match": junk])
                #expect(reply.status == 400, "\(junk): \(reply.text)")
                #expect(reply.error?.code == "validation_error")
            }
            #expect(try await api.send(.put, "/v1/customers/\(id)", json: #"{"name":"d"}"#).status == 200)
        }
    }

    @Test("the console's remote client: a rival save between its read and its write is refused, not overwritten")
    func remoteClientConflict() async throws {
        try await APIHarness().runLive { _, port in
            let config = RemoteConfiguration(baseURL: "http://127.0.0.1:\(port)/v1", apiKey: APIHarness.keyA, timeout: 60)
            let mine = RemoteCustomerClient(configuration: config)
            let rival = RemoteCustomerClient(configuration: config)
            let read = try await mine.create(CreateCustomerRequest(externalID: "r1", name: "Start"))
            let theirs = try await rival.update(.id(read.id), UpdateCustomerRequest(email: "rival@x.io"), expecting: read.updatedAt)
            #expect(theirs.before == read)
            do {
                _ = try await mine.update(.id(read.id), UpdateCustomerRequest(name: "Mine"), expecting: read.updatedAt)
                Issue.record("a stale conditional update went through")
            } catch let error as CustomerError {
                guard case .versionConflict(_, let current) = error else {
                    Issue.record("expected version_conflict, got \(error)")
                    return
                }
                #expect(current == theirs.after)
            }
            // Against their version, mine goes through and keeps their email.
            let done = try await mine.update(.id(read.id), UpdateCustomerRequest(name: "Mine"), expecting: theirs.after.updatedAt)
            #expect(done.after.name == "Mine" && done.after.email == "rival@x.io")
        }
    }
}
