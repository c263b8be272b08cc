import APIServer
import CustomerKit
import Foundation
import HTTPTypes
import Hummingbird
import Testing

@Suite("Errors and limits")
struct ErrorShapeTests {
    @Test func validationDetailsAreKeyedByJSONFieldNames() async throws {
        try await APIHarness().run { api in
            let reply = try await api.send(.post, "/v1/customers", json: """
                {"external_id":"x","email":"not-an-email","address_country":"us",
                 "address_postal_code":"123456789012345678901","timezone":"Mars/Olympus"}
                """)
            #expect(reply.status == 400)
            let error = try #require(reply.error)
            #expect(error.code == "validation_error")
            #expect(error.httpStatusCode == 400)
            #expect(error.message == "Request validation failed")
            #expect(Set(error.details?.keys ?? [:].keys) == ["email", "address_country", "address_postal_code", "timezone"])
            #expect(error.details?["address_postal_code"]?.contains("20") == true)
            // One problem: its own words are the message.
            let single = try await api.send(.post, "/v1/customers", json: #"{"external_id":""}"#)
            #expect(single.error?.message == "External ID: required")
            #expect(single.details == ["external_id": "External ID: required"])
            // Byte limits: 51 two-byte characters are 102 bytes, over the city's 100.
            let bytes = try await api.send(.post, "/v1/customers",
                                           json: jsonText(["external_id": "b", "address_city": String(repeating: "ü", count: 51)]))
            #expect(bytes.details.keys.sorted() == ["address_city"])
        }
    }

    @Test func duplicateExternalIDIs409() async throws {
        try await APIHarness().run { api in
            try await api.create(#"{"external_id":"dup"}"#)
            let reply = try await api.send(.post, "/v1/customers", json: #"{"external_id":"dup"}"#)
            #expect(reply.status == 409)
            #expect(reply.error == ErrorResponse(code: "already_exists", message: "A customer with this identifier already exists",
                                                 httpStatusCode: 409, details: ["external_id": "dup"]))
            try await api.create(#"{"external_id":"other"}"#)
            let rename = try await api.send(.put, "/v1/customers?external_customer_id=other", json: #"{"external_id":"dup"}"#)
            #expect(rename.status == 409)
        }
    }

    @Test func malformedJSONAndWrongTypesAre400() async throws {
        try await APIHarness().run { api in
            for body in ["{\"external_id\":", "[]", "null", "\"text\"", #"{"external_id":"x","metadata":{"n":1}}"#,
                         #"{"external_id":7}"#, "", "\u{FF}\u{FE}"] {
                let reply = try await api.send(.post, "/v1/customers", json: body)
                #expect(reply.status == 400, "\(body)")
                #expect(reply.error?.message == "Invalid request format", "\(body)")
            }
            for body in ["", "{", "[1]", #"{"limit":"ten"}"#, #"{"filters":{}}"#] {
                let reply = try await api.send(.post, "/v1/customers/search", json: body)
                #expect(reply.status == 400, "\(body)")
                #expect(reply.error?.message == "Invalid filter parameters", "\(body)")
            }
        }
    }

    @Test func bodiesOverOneMebibyteAre413() async throws {
        try await APIHarness().run { api in
            let big = #"{"external_id":"big","name":""# + String(repeating: "a", count: APIServer.maxBodyBytes) + #""}"#
            // Announced by Content-Length, and found while reading a body without one.
            let announced = try await api.send(.post, "/v1/customers", json: big,
                                               headers: ["Content-Length": String(big.utf8.count)])
            #expect(announced.status == 413)
            #expect(announced.error?.code == "request_too_large")
            let streamed = try await api.send(.post, "/v1/customers/search", json: big)
            #expect(streamed.status == 413)
            let justUnder = #"{"external_id":"ok","x":""# + String(repeating: "a", count: APIServer.maxBodyBytes - 40) + #""}"#
            #expect(try await api.send(.post, "/v1/customers", json: justUnder).status == 201)
        }
    }

    @Test func unknownRoutesGetGinsPlain404() async throws {
        try await APIHarness().run { api in
            // A trailing or doubled slash is not a route either (the live server redirects them).
            for path in ["/v1/nothing", "/customers", "/v1/customers/a/b", "/v2/customers", "/v1/customers/",
                         "/v1//customers", "//v1/customers", "/v1/customers/cust_1/", "/health/", "/v1/openapi.json/",
                         "/v1/customers/search/"] {
                let reply = try await api.send(.get, path)
                #expect(reply.status == 404, "\(path)")
                #expect(reply.text == "404 page not found", "\(path)")
            }
        }
    }

    @Test func everyAnswerCarriesARequestID() async throws {
        try await APIHarness().run { api in
            let echoed = try await api.send(.get, "/v1/customers", headers: ["X-Request-ID": "trace-42"])
            #expect(echoed.header("X-Request-ID") == "trace-42")
            let made = try await api.send(.get, "/v1/nothing")
            let id = try #require(made.header("X-Request-ID"))
            #expect(id.count >= 16)
            // Spaces or oversized ids could forge or bloat log lines: replaced.
            let odd = try await api.send(.get, "/health", key: nil, headers: ["X-Request-ID": "a b"])
            #expect(odd.header("X-Request-ID") != "a b")
            let long = try await api.send(.get, "/health", key: nil, headers: ["X-Request-ID": String(repeating: "x", count: 129)])
            #expect(long.header("X-Request-ID")?.count != 129)
        }
    }

    @Test func oneAccessLogLinePerRequestWithoutKeysOrQueries() async throws {
        let harness = try APIHarness()
        try await harness.run { api in
            try await api.send(.get, "/v1/customers?email=secret@example.com", headers: ["X-Request-ID": "log-1"])
            try await api.send(.post, "/v1/customers", key: "wrong-key-but-long-enough", json: "{}",
                               headers: ["X-Request-ID": "log-2"])
            try await api.send(.get, "/v1/customers", key: nil, headers: ["Authorization": "Bearer \(APIHarness.keyB)",
                                                                         "X-Request-ID": "log-3"])
        }
        let lines = harness.logText.split(separator: "\n").filter { $0.contains(" request ") }
        #expect(lines.count == 3)
        #expect(lines[0].contains("method=GET") && lines[0].contains("path=/v1/customers ")
                && lines[0].contains("status=200") && lines[0].contains("request_id=log-1")
                && lines[0].contains("duration_ms="))
        #expect(lines[1].contains("status=401") && lines[1].contains("request_id=log-2"))
        #expect(lines[2].contains("status=200"))
        let text = harness.logText
        for secret in [APIHarness.keyA, APIHarness.keyB, "wrong-key-but-long-enough", "secret@example.com"] {
            #expect(!text.contains(secret))
        }
    }
}
