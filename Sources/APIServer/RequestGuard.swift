import Foundation
import Hummingbird
import NIOCore
import NIOPosix

/// Runs a route's work within the request's deadline, in its environment's turn, and only while
/// its client is there:
/// - the body is read first (at most `APIServer.maxBodyBytes`; the connection's guard bounds how
///   long that may take), so the work never reads from the connection;
/// - the work waits for a permit of its environment's `FairGate`;
/// - past the deadline the work is cancelled and the answer is 503 `service_unavailable`;
/// - when the connection closes (the client left) the work is cancelled, and the access log
///   shows 499 (nginx's "client closed request"); nobody is there to read an answer.
/// Cancelling stops the database too: GRDB interrupts a statement whose task is cancelled.
struct RequestGuard: Sendable {
    let timeout: Duration
    let gates: EnvironmentGates

    typealias Work = @Sendable (Request, APIRequestContext) async throws -> Response

    private enum Outcome: Sendable {
        case answered(Response)
        case timedOut
        case clientGone
        case stopped
    }

    func run(_ request: Request, _ context: APIRequestContext, _ work: @escaping Work) async throws -> Response {
        let start = ContinuousClock.now
        var request = request
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > APIServer.maxBodyBytes {
            throw APIError.tooLarge
        }
        _ = try await request.collectBody(upTo: APIServer.maxBodyBytes)
        let remaining = timeout - start.duration(to: .now)
        let watch = context.channel.flatMap(ConnectionWatch.of)
        let gate = context.store.flatMap { gates.gate(for: $0.environmentID) }
        let buffered = request
        let outcome: Outcome = try await withThrowingTaskGroup(of: Outcome.self) { group in
            group.addTask {
                guard let gate else { return .answered(try await work(buffered, context)) }
                return .answered(try await gate.withPermit { try await work(buffered, context) })
            }
            group.addTask { await Self.watchdog(after: remaining, watch) }
            defer { group.cancelAll() }
            while let next = try await group.next() {
                if case .stopped = next { continue }
                return next
            }
            return .stopped
        }
        switch outcome {
        case .answered(let response): return response
        case .timedOut: throw APIError.deadlinePassed(timeout)
        case .clientGone, .stopped: throw APIError.clientGone
        }
    }

    /// `.timedOut` after `delay`, `.clientGone` when the connection closes, `.stopped` when
    /// cancelled (the work answered first).
    private static func watchdog(after delay: Duration, _ watch: ConnectionWatch?) async -> Outcome {
        let once = ResumeOnce<Outcome>()
        // An event loop's timer, not Dispatch's: a cancelled `DispatchWorkItem` stays scheduled
        // until its deadline, so at thousands of requests a second 30 s worth of them would pile
        // up in Dispatch's timer queue. NIO removes a cancelled task at once.
        let timer = MultiThreadedEventLoopGroup.singleton.any().scheduleTask(in: TimeAmount(delay)) {
            once.resume(.timedOut)
        }
        let token = watch?.onClose { once.resume(.clientGone) }
        defer {
            timer.cancel()
            watch?.remove(token)
        }
        return await withTaskCancellationHandler {
            await once.wait()
        } onCancel: {
            once.resume(.stopped)
        }
    }
}
