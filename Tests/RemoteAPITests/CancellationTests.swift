import CustomerKit
import Foundation
import Testing
@testable import RemoteAPI

/// Cancelling the task that awaits a request ends it at once: the console's Esc.
///
/// The cancel is not timed against the machine's speed. The server never answers and the
/// client's timeout (`patience`) is long, so a call ends either by the cancel or, were the
/// cancel not working, by that timeout, after which the retry wait reports it as cancelled
/// all the same. So the only bound is half of `patience`: far beyond any busy machine's
/// delays (a working cancel takes milliseconds), far below the timeout. The server also sees
/// the client close the connection: the request was abandoned, not left running.
@Suite struct CancellationTests {
    /// The client's timeout: only a cancel that did not work waits for it.
    static let patience: TimeInterval = 300
    static let safety: Duration = .seconds(patience / 2)

    /// Runs `call` in a task, cancels the task once `ready` holds (the event the test needs:
    /// the server has the requests, the client is waiting between tries), and returns the
    /// error, having checked that the call ended well before the client's timeout.
    func cancel(_ server: FaultServer, when ready: @escaping @Sendable () -> Bool,
                _ call: @escaping @Sendable () async throws(CustomerError) -> Void) async throws -> CustomerError? {
        let task = Task { () async -> CustomerError? in
            do throws(CustomerError) {
                try await call()
                return nil
            } catch {
                return error
            }
        }
        let reached = await server.wait { _ in ready() }
        let cancelled = ContinuousClock.now
        task.cancel()
        let error = await task.value
        let took = ContinuousClock.now - cancelled
        try #require(reached, "the call never reached the point where it is cancelled: \(String(describing: error))")
        #expect(took < Self.safety, "the cancelled call ended only after \(took): it waited for its timeout")
        return error
    }

    func cancel(_ server: FaultServer, afterRequests requests: Int = 1,
                _ call: @escaping @Sendable () async throws(CustomerError) -> Void) async throws -> CustomerError? {
        try await cancel(server, when: { server.requests.count >= requests }, call)
    }

    @Test func cancellingASlowReadReturnsPromptlyAsCancelled() async throws {
        try await withFaultServer({ _, _ in .neverAnswer }) { server in
            let client = server.client(timeout: Self.patience)
            let error = try await cancel(server) { () throws(CustomerError) in
                _ = try await client.customer(id: "cust_1")
            }
            guard case .transport(.cancelled, let message)? = error else { Issue.record("\(String(describing: error))"); return }
            #expect(message.contains("127.0.0.1:\(server.port)"))
            #expect(server.requests.count == 1)  // not tried again
            #expect(await server.wait { $0.abandoned == [0] })
        }
    }

    @Test func cancellingASlowSearchEndsEverySubQuery() async throws {
        try await withFaultServer({ _, _ in .neverAnswer }) { server in
            let client = server.client(timeout: Self.patience)
            let error = try await cancel(server, afterRequests: 3) { () throws(CustomerError) in
                _ = try await client.list(CustomerQuery(search: "acme"))
            }
            #expect(error?.code == "cancelled")
            #expect(await server.wait { $0.abandoned == [0, 1, 2] }, "\(server.abandoned)")
        }
    }

    /// The wait between tries is the policy's standard sleep, made long; the test cancels once
    /// that sleep has begun, and the sleep must end by the cancel, not by running out.
    @Test func cancellingDuringTheWaitBetweenTriesIsPrompt() async throws {
        try await withFaultServer({ _, _ in .respond(503, "") }) { server in
            let sleeps = SleepEvents()
            let standardSleep = RetryPolicy().sleep
            let patient = RetryPolicy(baseDelay: .seconds(Self.patience), maxDelay: .seconds(Self.patience),
                                      maxTotalTime: .seconds(Self.patience * 4), sleep: { duration in
                sleeps.began()
                do {
                    try await standardSleep(duration)
                } catch {
                    sleeps.interrupted()
                    throw error
                }
            })
            let client = server.client(policy: patient)
            let error = try await cancel(server, when: { sleeps.count.began == 1 }) { () throws(CustomerError) in
                _ = try await client.customer(id: "cust_1")
            }
            #expect(error?.code == "cancelled")
            #expect(sleeps.count.interrupted == 1)
            #expect(server.requests.count == 1)
        }
    }

    @Test func aCancelledCreateSaysTheCustomerMayExist() async throws {
        try await withFaultServer({ _, _ in .neverAnswer }) { server in
            let client = server.client(timeout: Self.patience)
            let error = try await cancel(server) { () throws(CustomerError) in
                _ = try await client.create(CreateCustomerRequest(externalID: "acct-9", name: "Nine"))
            }
            guard case .transport(.cancelled, let message)? = error else { Issue.record("\(String(describing: error))"); return }
            #expect(message.contains("may have been created"), "\(message)")
            #expect(message.contains("acct-9"))
            #expect(server.summary == ["POST /v1/customers"])  // no lookup, no second try
            #expect(await server.wait { $0.abandoned == [0] })
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

/// When a policy's sleep began and how often it ended by a cancel.
final class SleepEvents: @unchecked Sendable {
    private let lock = NSLock()
    private var begun = 0
    private var cut = 0
    func began() { lock.withLock { begun += 1 } }
    func interrupted() { lock.withLock { cut += 1 } }
    var count: (began: Int, interrupted: Int) { lock.withLock { (begun, cut) } }
}
