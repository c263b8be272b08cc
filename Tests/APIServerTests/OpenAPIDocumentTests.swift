import APIServer
import Foundation
import HTTPTypes
import Testing

@Suite("OpenAPI document")
struct OpenAPIDocumentTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func theReadersCopyIsTheServedDocument() throws {
        let copy = try Data(contentsOf: Self.root.appendingPathComponent("docs/flexprice-console-api.openapi.json"))
        let source = try Data(contentsOf: Self.root.appendingPathComponent("Sources/APIServer/openapi.json"))
        #expect(copy == OpenAPIDocument.data, "docs/flexprice-console-api.openapi.json differs: copy Sources/APIServer/openapi.json over it")
        #expect(source == OpenAPIDocument.data)
    }

    /// Exactly the routes the server has, no more and no fewer.
    @Test func describesExactlyTheServedRoutes() throws {
        let document = try #require(try JSONSerialization.jsonObject(with: OpenAPIDocument.data) as? [String: Any])
        #expect((document["openapi"] as? String)?.hasPrefix("3.") == true)
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        var operations: Set<String> = []
        for (path, item) in paths {
            for method in item.keys where ["get", "post", "put", "delete", "patch"].contains(method) {
                operations.insert("\(method.uppercased()) \(path)")
            }
        }
        #expect(operations == [
            "GET /health", "POST /health", "GET /v1/openapi.json",
            "POST /v1/customers", "GET /v1/customers", "PUT /v1/customers", "POST /v1/customers/search",
            "GET /v1/customers/external/{external_id}", "GET /v1/customers/{id}", "PUT /v1/customers/{id}",
            "DELETE /v1/customers/{id}",
        ])
    }

    /// Each route answers, with a key, something other than the router's 404.
    @Test func everyDocumentedRouteIsServed() async throws {
        try await APIHarness().run { api in
            let probes: [(HTTPRequest.Method, String)] = [
                (.get, "/health"), (.post, "/health"), (.get, "/v1/openapi.json"), (.post, "/v1/customers"),
                (.get, "/v1/customers"), (.put, "/v1/customers"), (.post, "/v1/customers/search"),
                (.get, "/v1/customers/external/x"), (.get, "/v1/customers/cust_x"), (.put, "/v1/customers/cust_x"),
                (.delete, "/v1/customers/cust_x"),
            ]
            for (method, path) in probes {
                let reply = try await api.send(method, path, json: "{}")
                #expect(reply.text != "404 page not found", "\(method) \(path)")
            }
        }
    }
}

