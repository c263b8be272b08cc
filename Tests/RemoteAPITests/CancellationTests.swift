import CustomerKit
import Foundation
import Testing
@testable import RemoteAPI

/// Cancelling the task that awaits a request ends it at once: the console's Esc.
@Suite struct CancellationTests {
    /// How long a cancelled call may take to return. The goal is ~100 ms; measured 2 to 55 ms
    /// when this suite runs alone on a busy 2-core machine. Amid the whole parallel suite the
    /// runner's two cooperative threads are shared with ~90 other tests, and waiting for one
    /// has occasionally added up to ~220 ms, hence the margin.
    /// Far sooner than the 30 s the server would take: proof enough that cancelling did not wait
    /// for it, without being a timed test that fails on a busy machine (measured alone: 2-55 ms).
    static let promptly: Duration = .seconds(5)

    /// Runs `call` in a task, cancels the task once the server has `requests` requests, and
    /// returns the error and how long the task took to end after the cancel.
    func cancel(_ server: FaultServer, afterRequests requests: Int = 1,
                _ call: @escaping @Sendable () async throws(CustomerError) -> Void) async throws
        -> (error: CustomerError?, took: Duration) {
        let task = Task { () async -> CustomerError? in
            do throws(CustomerError) {
                try await call()
                return nil
            } catch {
                return error
            }
        }
        let deadline = ContinuousClock.now + .seconds(5)
        while server.requests.count < requests, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        try await Task.sleep(for: .milliseconds(50))  // the client is now waiting for the answer
        let cancelled = ContinuousClock.now
        task.cancel()
        let error = await task.value
        return (error, ContinuousClock.now - cancelled)
    }

    @Test func cancellingASlowReadReturnsPromptlyAsCancelled() async throws {
        try await withFaultServer({ _, _ in .delay(.seconds(30), .json(200, Fixtures.customer())) }) { server in
            let client = server.client(timeout: 30)
            let (error, took) = try await cancel(server) { () throws(CustomerError) in
                _ = try await client.customer(id: "cust_1")
            }
            guard case .transport(.cancelled, let message)? = error else { Issue.record("\(String(describing: error))"); return }
            #expect(message.contains("127.0.0.1:\(server.port)"))
            #expect(took < Self.promptly, "took \(took)")
            #expect(server.requests.count == 1)  // not tried again
        }
    }

    @Test func cancellingASlowSearchEndsEverySubQuery() async throws {
        try await withFaultServer({ _, _ in .delay(.seconds(30), .json(200, "{}")) }) { server in
            let client = server.client(timeout: 30)
            let (error, took) = try await cancel(server, afterRequests: 3) { () throws(CustomerError) in
                _ = try await client.list(CustomerQuery(search: "acme"))
            }
            #expect(error?.code == "cancelled")
            #expect(took < Self.promptly, "took \(took)")
        }
    }

    @Test func cancellingDuringTheWaitBetweenTriesIsPrompt() async throws {
        try await withFaultServer({ _, _ in .respond(503, "") }) { server in
            let patient = RetryPolicy(baseDelay: .seconds(20), maxDelay: .seconds(20), maxTotalTime: .seconds(60))
            let client = server.client(policy: patient)
            let (error, took) = try await cancel(server) { () throws(CustomerError) in
                _ = try await client.customer(id: "cust_1")
            }
            #expect(error?.code == "cancelled")
            #expect(took < Self.promptly, "took \(took)")
            #expect(server.requests.count == 1)
        }
    }

    @Test func aCancelledCreateSaysTheCustomerMayExist() async throws {
        try await withFaultServer({ _, _ in .delay(.seconds(30), .respond(201, "")) }) { server in
            let client = server.client(timeout: 30)
            let (error, took) = try await cancel(server) { () throws(CustomerError) in
                _ = try await client.create(CreateCustomerRequest(externalID: "acct-9", name: "Nine"))
            }
            guard case .transport(.cancelled, let message)? = error else { Issue.record("\(String(describing: error))"); return }
            #expect(message.contains("may have been created"), "\(message)")
            #expect(message.contains("acct-9"))
            #expect(took < Self.promptly, "took \(took)")
            #expect(server.summary == ["POST /v1/customers"])  // no lookup, no second try
        }
    }

    @Test func anAlreadyCancelledTaskSendsNothing() async throws {
        try await withFaultServer({ _, _ in .json(200, Fixtures.customer()) }) { server in
            let client = server.client()
            let task = Task { () async -> CustomerError? in
                while !Task.isCancelled { await Task.yield() }
                do throws(CustomerError) {
                    _ = try await client.customer(id: "cust_1")
                    return nil
                } catch {
                    return error
                }
            }
            task.cancel()
            #expect(await task.value?.code == "cancelled")
            #expect(server.requests.isEmpty)
        }
    }
}
