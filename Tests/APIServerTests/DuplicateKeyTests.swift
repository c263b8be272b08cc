import APIServer
import CustomerKit
import Foundation
import Testing

/// A JSON object with a key twice is read as the live server's Go decoder reads it: the last
/// value wins, and two objects under one key are merged key by key (Go decodes the second into
/// the struct or map the first made).
@Suite("Duplicate JSON keys")
struct DuplicateKeyTests {
    @Test func theLastValueWins() async throws {
        try await APIHarness().run { api in
            let created = try await api.create(#"""
                {"external_id":"first","name":"one","external_id":"last","n\u0061me":"two",
                 "metadata":{"tier":"gold","tier":"silver"}}
                """#)
            #expect(created["external_id"] as? String == "last")
            #expect(created["name"] as? String == "two")
            #expect(created["metadata"] as? [String: String] == ["tier": "silver"])

            let updated = try await api.send(.put, "/v1/customers?external_customer_id=last",
                                             json: #"{"email":"a@b.co","email":"c@d.co"}"#)
            #expect(updated.object["email"] as? String == "c@d.co")

            try await api.create(#"{"external_id":"other"}"#)
            let page = try await api.send(.post, "/v1/customers/search", json: #"{"limit":5,"limit":1}"#)
            #expect(page.list?.pagination.limit == 1)
            #expect(page.list?.items.count == 1)
            let query = try await api.send(.get, "/v1/customers?metadata="
                + #"{"tier":"gold","tier":"silver"}"#.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
            #expect(query.externalIDs == ["last"])
        }
    }

    @Test func objectsUnderOneKeyAreMerged() async throws {
        try await APIHarness().run { api in
            let created = try await api.create(#"""
                {"external_id":"m","metadata":{"a":"1","b":"1"},"metadata":{"b":"2","c":"2"}}
                """#)
            #expect(created["metadata"] as? [String: String] == ["a": "1", "b": "2", "c": "2"])
            // Anything else (here an array, then null) is replaced whole.
            let replaced = try await api.create(#"""
                {"external_id":"r","metadata":{"a":"1"},"metadata":null,"integration_entity_mapping":[{"x":1}],
                 "integration_entity_mapping":[]}
                """#)
            #expect(replaced["metadata"] is NSNull)
        }
    }

    /// Strings that look like JSON, escapes and non-ASCII keys survive the rewrite intact.
    @Test func escapesAndLookalikesSurvive() async throws {
        try await APIHarness().run { api in
            let created = try await api.create(#"""
                {"external_id":"s","name":"say \"hi\" {\"k\":1,\"k\":2}",
                 "name":"brace } [ and \\ \u00fc \ud83d\ude00",
                 "metadata":{"emoji\ud83d\ude00":"1","emoji😀":"2","list":"[1,2]"}}
                """#)
            #expect(created["name"] as? String == "brace } [ and \\ ü 😀")
            #expect(created["metadata"] as? [String: String] == ["emoji😀": "2", "list": "[1,2]"])
        }
    }

    /// Still invalid JSON after all: the duplicate handling must not make it valid.
    @Test func malformedBodiesStayMalformed() async throws {
        try await APIHarness().run { api in
            for body in [#"{"external_id":"a","external_id":}"#, #"{"a":1,"a":2"#, #"{"a":1,,"a":2}"#] {
                let reply = try await api.send(.post, "/v1/customers", json: body)
                #expect(reply.status == 400, "\(body)")
                #expect(reply.error?.message == "Invalid request format", "\(body)")
            }
        }
    }
}
