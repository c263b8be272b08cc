import APIServer
import CustomerKit
import Foundation
import Testing

/// Free-form JSON a client stores (integration mapping metadata) comes back with every number
/// as it was sent, through the store and out again; a number no type holds is a 400.
@Suite("Exact numbers through the server")
struct ExactNumberTests {
    @Test func mappingMetadataKeepsLargeIntegers() async throws {
        try await APIHarness().run { api in
            let numbers = ["9223372036854775807", "-9223372036854775808", "9007199254740993", "0.1"]
            let metadata = numbers.enumerated().map { #""n\#($0.offset)":\#($0.element)"# }.joined(separator: ",")
            let created = try await api.send(.post, "/v1/customers", json: """
                {"external_id":"big","integration_entity_mapping":[{"entity_id":"cust_x","entity_type":"customer",
                 "provider_type":"stripe","provider_entity_id":"cus_1","metadata":{\(metadata)}}]}
                """)
            #expect(created.status == 201, "\(created.text)")
            let id = try #require(created.customer?.id)
            let expanded = try await api.send(.get, "/v1/customers/\(id)?expand=integrations")
            for (index, number) in numbers.enumerated() {
                #expect(expanded.text.contains(#""n\#(index)":\#(number)"#), "\(number): \(expanded.text)")
            }
        }
    }

    @Test func aNumberNothingHoldsIsABadRequest() async throws {
        try await APIHarness().run { api in
            let reply = try await api.send(.post, "/v1/customers", json: """
                {"external_id":"huge","integration_entity_mapping":[{"entity_id":"cust_x","entity_type":"customer",
                 "provider_type":"stripe","provider_entity_id":"cus_1","metadata":{"n":1e400}}]}
                """)
            #expect(reply.status == 400, "\(reply.text)")
            #expect(reply.error?.code == "validation_error")
        }
    }
}
