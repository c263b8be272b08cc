import APIServer
import CustomerKit
import Foundation
import GRDB
@testable import LocalStore
import Testing
import TestSupport

/// A request has a deadline, its work stops when its client leaves, and one environment's
/// queue does not hold up another's. Each test fills an environment's gate itself (the permits
/// a request needs to work), so what is waited for is an event, never a speed.
@Suite("Request deadlines and fairness")
struct RequestDeadlineTests {
    private static func limits(request: Double = 600, perEnvironment: Int = 2) -> ServerLimits {
        var limits = ServerLimits()
        limits.requestTimeout = .milliseconds(Int64(request * 1000))
        limits.requestsPerEnvironment = perEnvironment
        return limits
    }

    private func fill(_ harness: APIHarness, _ environment: String) async throws {
        for _ in 0..<harness.limits.requestsPerEnvironment { try await harness.gates.acquire(in: environment) }
    }

    private func empty(_ harness: APIHarness, _ environment: String) {
        for _ in 0..<harness.limits.requestsPerEnvironment { harness.gates.release(in: environment) }
    }

    /// Waits (boundedly, as a safety net) until `condition` holds.
    private func eventually(_ what: String, _ condition: () -> Bool) async throws {
        let start = ContinuousClock.now
        while !condition() {
            if start.duration(to: .now) > .seconds(60) { Issue.record("never happened: \(what)"); return }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    @Test func aRequestPastItsDeadlineIs503AndLeavesTheQueue() async throws {
        let harness = try APIHarness(limits: Self.limits(request: 0.25))
        try await fill(harness, "env_a")
        try await harness.run { api in
            let reply = try await api.send(.get, "/v1/customers")
            #expect(reply.status == 503)
            #expect(reply.error?.code == "service_unavailable")
            #expect(reply.error?.message.contains("0.25 s") == true, "\(reply.text)")
            #expect(harness.gates.waiting(in: "env_a") == 0)
        }
        empty(harness, "env_a")
    }

    @Test func oneEnvironmentsQueueDoesNotHoldUpAnother() async throws {
        let harness = try APIHarness(limits: Self.limits())
        try await fill(harness, "env_a")
        try await harness.run { api in
            let waiting = Task { try await api.send(.get, "/v1/customers", key: APIHarness.keyA) }
            try await eventually("env_a's request queued") { harness.gates.waiting(in: "env_a") == 1 }
            let other = try await api.send(.get, "/v1/customers", key: APIHarness.keyB)
            #expect(other.status == 200)
            #expect(harness.gates.waiting(in: "env_a") == 1, "env_a's request is still waiting its turn")
            empty(harness, "env_a")
            #expect(try await waiting.value.status == 200)
        }
    }

    /// The client leaves while its request waits: the request leaves the queue at once (it
    /// does not wait for its turn only to answer nobody) and is logged as 499.
    @Test func workForAClientThatLeftStops() async throws {
        let harness = try APIHarness(limits: Self.limits())
        try await fill(harness, "env_a")
        try await harness.runLive { _, port in
            let connection = try await BuiltBinaries.offPool { () -> RawConnection in
                let connection = try RawConnection(port: port)
                connection.send("GET /v1/customers?limit=1000 HTTP/1.1\r\nHost: test\r\nx-api-key: \(APIHarness.keyA)\r\n"
                                + "X-Request-ID: left-early\r\n\r\n")
                return connection
            }
            try await eventually("the request queued") { harness.gates.waiting(in: "env_a") == 1 }
            connection.close()
            try await eventually("the request left the queue") { harness.gates.waiting(in: "env_a") == 0 }
            try await eventually("the access log line") { harness.logText.contains("request_id=left-early") }
            let line = harness.logText.split(separator: "\n").first { $0.contains("request_id=left-early") }
            #expect(line?.contains("status=499") == true, "\(line ?? "")")
        }
        empty(harness, "env_a")
    }

    @Test func theQueueIsServedInArrivalOrderAndACancelledWaiterLeavesIt() async throws {
        let gates = EnvironmentGates(environments: ["env"], permits: 1)
        try await gates.acquire(in: "env")
        let order = OrderLog()
        var waiters: [Task<Void, any Error>] = []
        for name in ["first", "second", "third"] {
            waiters.append(Task {
                try await gates.acquire(in: "env")
                order.append(name)
            })
            try await eventually("\(name) queued") { gates.waiting(in: "env") == waiters.count }
        }
        waiters[1].cancel()
        try await eventually("the cancelled waiter left") { gates.waiting(in: "env") == 2 }
        await #expect(throws: CancellationError.self) { try await waiters[1].value }
        gates.release(in: "env")
        try await waiters[0].value
        gates.release(in: "env")
        try await waiters[2].value
        #expect(order.names == ["first", "third"])
        gates.release(in: "env")
    }

    /// The database stops too: a cancelled task interrupts the statement it is running (the
    /// statement here would run for hours).
    @Test func aCancelledReadInterruptsItsStatement() async throws {
        let store = try LocalCustomerStore.temporary()
        let started = Counter()
        let reading = Task {
            try await store.read { db in
                started.increment()
                let forever = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM n"
                return try Int.fetchOne(db, sql: forever) ?? 0
            }
        }
        try await eventually("the statement started") { started.value == 1 }
        reading.cancel()
        do {
            let count = try await reading.value
            Issue.record("the statement ran to its end: \(count)")
        } catch let error as CustomerError {
            #expect(error.code == "cancelled", "\(error)")
        }
    }
}

/// Names in the order tasks recorded them.
final class OrderLog: @unchecked Sendable {
    // @unchecked: every access holds `lock`.
    private let lock = NSLock()
    private var list: [String] = []
    var names: [String] { lock.lock(); defer { lock.unlock() }; return list }
    func append(_ name: String) { lock.lock(); list.append(name); lock.unlock() }
}
