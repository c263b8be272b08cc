import APIServer
import Foundation
import Testing
import TestSupport

/// A request head over 64 KiB (a query string of thousands of filters, a flood of headers) is
/// answered with a JSON 431 the client can read, not the HTTP parser's bare 400; heads below
/// it, and large bodies after small heads, are not affected.
@Suite("Request head size")
struct HeadSizeTests {
    private static func get(_ query: String, headers: String = "") -> String {
        "GET /v1/customers?\(query) HTTP/1.1\r\nHost: test\r\nx-api-key: \(APIHarness.keyA)\r\n\(headers)\r\n"
    }

    @Test("a 100 KiB query string gets a JSON 431", arguments: [100 * 1024, 70 * 1024])
    func longQueryIs431(size: Int) async throws {
        try await APIHarness().runLive { _, port in
            let request = Self.get("external_ids=" + String(repeating: "a", count: size))
            let (text, _) = try await BuiltBinaries.offPool {
                let connection = try RawConnection(port: port)
                connection.send(request)
                return connection.readToEnd()
            }
            #expect(text.hasPrefix("HTTP/1.1 431 Request Header Fields Too Large"), "\(text.prefix(300))")
            #expect(text.contains("Content-Type: application/json"))
            #expect(text.contains(#""code":"request_too_large""#))
            #expect(text.contains("POST /v1/customers/search"))
        }
    }

    @Test func manyHeadersGet431Too() async throws {
        try await APIHarness().runLive { _, port in
            let headers = (0..<2000).map { "X-Filler-\($0): \(String(repeating: "v", count: 40))\r\n" }.joined()
            let request = Self.get("limit=1", headers: headers)
            let (text, _) = try await BuiltBinaries.offPool {
                let connection = try RawConnection(port: port)
                connection.send(request)
                return connection.readToEnd()
            }
            #expect(text.hasPrefix("HTTP/1.1 431"), "\(text.prefix(200))")
        }
    }

    @Test("a head below the limit and a large body after a small head are answered as usual")
    func belowTheLimit() async throws {
        try await APIHarness().runLive { _, port in
            let filler = (0..<800).map { "X-Filler-\($0): \(String(repeating: "v", count: 40))\r\n" }.joined()  // ~44 KiB
            let body = #"{"external_id":"big-body","name":""# + String(repeating: "n", count: 200) + #"","metadata":{"k":""#
                + String(repeating: "m", count: 500) + #""}}"#
            let post = "POST /v1/customers HTTP/1.1\r\nHost: test\r\nx-api-key: \(APIHarness.keyA)\r\n"
                + "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
            let (first, second) = try await BuiltBinaries.offPool {
                let connection = try RawConnection(port: port)
                connection.send(Self.get("limit=1", headers: filler))
                let first = connection.readResponse()
                connection.send(post)
                return (first, connection.readResponse())
            }
            #expect(first?.hasPrefix("HTTP/1.1 200") == true, "\(first?.prefix(200) ?? "nil")")
            #expect(second?.hasPrefix("HTTP/1.1 201") == true, "\(second?.prefix(300) ?? "nil")")
        }
    }
}
