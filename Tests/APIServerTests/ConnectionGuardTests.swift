import APIServer
import Foundation
import Testing
import TestSupport

/// Connections cannot be held forever: a silent or trickling client is cut off after the header
/// timeout, a kept-alive connection after the idle timeout, a slow body after the request
/// timeout, and a connection past the limit is refused at once while the others keep working.
/// Each test sets its timeouts small and waits for the server's answer or close (the event);
/// the other timeouts are set far beyond the reads' safety bound, so that only the one under
/// test can explain what is seen.
@Suite("Connection guards")
struct ConnectionGuardTests {
    private func limits(header: Double = 600, idle: Double = 600, request: Double = 600,
                        maxConnections: Int = 1000) -> ServerLimits {
        var limits = ServerLimits()
        limits.headerTimeout = .milliseconds(Int64(header * 1000))
        limits.idleTimeout = .milliseconds(Int64(idle * 1000))
        limits.requestTimeout = .milliseconds(Int64(request * 1000))
        limits.maxConnections = maxConnections
        return limits
    }

    private static let health = "GET /health HTTP/1.1\r\nHost: test\r\n\r\n"

    @Test func aSilentConnectionIsClosedAfterTheHeaderTimeout() async throws {
        try await APIHarness(limits: limits(header: 0.2)).runLive { _, port in
            let (text, end) = try await BuiltBinaries.offPool {
                try RawConnection(port: port).readToEnd()
            }
            #expect(end == .closed)
            #expect(text.isEmpty, "nothing was asked, nothing is answered: \(text)")
        }
    }

    @Test func halfAHeadGets408() async throws {
        // The half head must arrive before the timeout, or the connection is a silent one
        // (closed without an answer): a limit a busy machine cannot outrun between connect and send.
        try await APIHarness(limits: limits(header: 1.5)).runLive { _, port in
            let (text, end) = try await BuiltBinaries.offPool {
                let connection = try RawConnection(port: port)
                connection.send("GET /health HTTP/1.1\r\nHost: te")
                return connection.readToEnd()
            }
            #expect(end == .closed)
            #expect(text.hasPrefix("HTTP/1.1 408 Request Timeout"), "\(text)")
            #expect(text.contains(#""code":"request_timeout""#))
        }
    }

    /// Bytes that keep coming do not keep the connection: it is closed all the same.
    @Test func tricklingHeadersDoNotHoldTheConnection() async throws {
        try await APIHarness(limits: limits(header: 0.3)).runLive { _, port in
            let (text, end, lines) = try await BuiltBinaries.offPool {
                let connection = try RawConnection(port: port)
                connection.send("GET /health HTTP/1.1\r\n")
                // A header line every 20 ms until the server stops taking them (bounded).
                let lines = Counter()
                let writer = Thread {
                    while lines.value < 100_000, connection.send("X-Slow-\(lines.value): y\r\n") {
                        lines.increment()
                        usleep(20_000)
                    }
                }
                writer.start()
                let (text, end) = connection.readToEnd()
                return (text, end, lines.value)
            }
            #expect(end == .closed)
            #expect(lines < 100_000)
            // The 408 is written first; a reset for the lines still arriving may overtake it.
            #expect(text.isEmpty || text.hasPrefix("HTTP/1.1 408"), "\(text)")
        }
    }

    @Test func aKeptAliveConnectionIsClosedAfterTheIdleTimeout() async throws {
        try await APIHarness(limits: limits(idle: 0.2)).runLive { _, port in
            let (first, rest) = try await BuiltBinaries.offPool {
                let connection = try RawConnection(port: port)
                connection.send(Self.health)
                let first = connection.readResponse()
                return (first, connection.readToEnd())
            }
            #expect(first?.hasPrefix("HTTP/1.1 200") == true, "\(first ?? "")")
            #expect(rest.end == .closed)
            #expect(rest.text.isEmpty)
        }
    }

    @Test func aBodyThatDoesNotArriveGets408() async throws {
        try await APIHarness(limits: limits(request: 0.3)).runLive { _, port in
            let (text, end) = try await BuiltBinaries.offPool {
                let connection = try RawConnection(port: port)
                connection.send("POST /v1/customers HTTP/1.1\r\nHost: test\r\nx-api-key: \(APIHarness.keyA)\r\n"
                                + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"external_id\":")
                return connection.readToEnd()
            }
            #expect(end == .closed)
            #expect(text.hasPrefix("HTTP/1.1 408"), "\(text)")
        }
    }

    @Test func connectionsPastTheLimitAreRefusedAtOnceAndTheOthersKeepWorking() async throws {
        // Three: the test framework's own client holds one (used first, so that it surely does).
        try await APIHarness(limits: limits(maxConnections: 3)).runLive { api, port in
            #expect(try await api.send(.get, "/health", key: nil).status == 200)
            let outcome = try await BuiltBinaries.offPool { () -> (String?, String?, String, String?, String?) in
                // Two connections, each counted in for sure: each has had an answer.
                let first = try RawConnection(port: port)
                first.send(Self.health)
                let firstAnswer = first.readResponse()
                let second = try RawConnection(port: port)
                second.send(Self.health)
                let secondAnswer = second.readResponse()
                let third = try RawConnection(port: port)
                third.send(Self.health)
                let refused = third.readToEnd().text
                // The first two still work.
                first.send(Self.health)
                let again = first.readResponse()
                // Once one closes, a new connection is served (its slot frees when the server
                // has seen the close: try until then, boundedly).
                second.close()
                var later: String?
                for _ in 0..<1000 {
                    let next = try RawConnection(port: port)
                    next.send(Self.health)
                    later = next.readResponse()
                    if later?.hasPrefix("HTTP/1.1 503") != true { break }
                    usleep(10_000)
                }
                return (firstAnswer, secondAnswer, refused, again, later)
            }
            #expect(outcome.0?.hasPrefix("HTTP/1.1 200") == true)
            #expect(outcome.1?.hasPrefix("HTTP/1.1 200") == true)
            #expect(outcome.2.hasPrefix("HTTP/1.1 503 Service Unavailable"), "\(outcome.2)")
            #expect(outcome.2.contains(#""code":"service_unavailable""#))
            #expect(outcome.3?.hasPrefix("HTTP/1.1 200") == true)
            #expect(outcome.4?.hasPrefix("HTTP/1.1 200") == true)
        }
    }
}

/// A count shared with a thread.
final class Counter: @unchecked Sendable {
    // @unchecked: every access holds `lock`.
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
    func increment() { lock.lock(); count += 1; lock.unlock() }
}
