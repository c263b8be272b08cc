import Foundation
import RemoteAPI
import TestSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the fault server does with one request.
indirect enum Fault: Sendable {
    /// A complete answer (the connection is then closed).
    case respond(Int, String, headers: [String: String] = [:])
    /// The status line and headers, announcing the whole body's length, then only the first
    /// `sentBytes` bytes of the body, then the connection is closed: a link dropped mid-answer.
    case truncate(Int, String, sentBytes: Int)
    /// The connection is closed without a byte of answer.
    case hangUp
    /// Waits (while the client may give up), then does the rest if the server still runs and
    /// the client is still there; a client that closes the connection meanwhile is recorded
    /// (`abandoned`).
    case delay(Duration, Fault)

    /// No answer at all until the client gives up or the test ends: a try that can only end by
    /// the client's own timeout or cancellation, however slow the machine.
    static let neverAnswer: Fault = .delay(.seconds(86_400), .hangUp)

    static func json(_ status: Int, _ body: String, headers: [String: String] = [:]) -> Fault {
        .respond(status, body, headers: headers.merging(["Content-Type": "application/json"]) { a, _ in a })
    }
}

/// An HTTP/1.1 server on raw loopback sockets that answers each request as a test's handler
/// says, including the failures an HTTP library will not produce on purpose: answers cut off
/// mid-body, hang-ups, answers later than the client waits. One thread per connection; every
/// answer closes its connection, so each client try is one connection.
final class FaultServer: @unchecked Sendable {
    /// Gets each request and how many came before it (0 for the first).
    typealias Handler = @Sendable (RecordedRequest, Int) -> Fault

    let port: UInt16
    private let listener: Int32
    private let handler: Handler
    private let lock = NSLock()
    private var received: [RecordedRequest] = []
    private var left: Set<Int> = []
    private var stopped = false

    private init(listener: Int32, port: UInt16, handler: @escaping Handler) {
        self.listener = listener
        self.port = port
        self.handler = handler
    }

    var baseURL: String { "http://127.0.0.1:\(port)/v1" }

    /// Everything received so far, in arrival order.
    var requests: [RecordedRequest] { lock.withLock { received } }

    /// "METHOD /path" of each request, e.g. "POST /v1/customers".
    var summary: [String] { requests.map { "\($0.method) \($0.path)" } }

    /// The requests (by index) whose client closed the connection while a `.delay` held the
    /// answer back: the client gave up on them (a timeout, a cancellation).
    var abandoned: Set<Int> { lock.withLock { left } }

    /// Waits until `condition` holds, checking every 10 ms: for the event a test needs (a
    /// request arrived, a client gave up), never for an amount of time. False only after
    /// `safety`, a bound for a broken client that no machine, however busy, comes near.
    func wait(until condition: (FaultServer) -> Bool, safety: Duration = .seconds(120)) async -> Bool {
        let giveUp = ContinuousClock.now + safety
        while !condition(self) {
            if ContinuousClock.now >= giveUp { return false }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return true
    }

    /// Patient by default: on a busy machine an answer may come late, and a test that is not
    /// about timeouts must not turn that into retries (those that are set their own).
    func client(timeout: TimeInterval = 60, policy: RetryPolicy = .instant,
                apiKey: String = TestKeys.apiKey) -> RemoteCustomerClient {
        RemoteCustomerClient(configuration: RemoteConfiguration(baseURL: baseURL, apiKey: apiKey,
                                                                environmentID: TestKeys.environmentID,
                                                                timeout: timeout),
                             retryPolicy: policy)
    }

    static func start(_ handler: @escaping Handler) throws -> FaultServer {
        let (fd, port) = try LoopbackSockets.listening()
        let server = FaultServer(listener: fd, port: port, handler: handler)
        let thread = Thread { server.acceptLoop() }
        thread.start()
        return server
    }

    func stop() {
        lock.withLock { stopped = true }
        LoopbackSockets.closeSocket(listener)
    }

    private var isStopped: Bool { lock.withLock { stopped } }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 { return }  // the listening socket was closed
            let thread = Thread { [self] in serve(client) }
            thread.start()
        }
    }

    private func serve(_ fd: Int32) {
        defer { close(fd) }
        guard let raw = RawHTTP.readRequest(fd) else { return }
        let request = RecordedRequest(method: raw.method, path: raw.path, query: raw.query, headers: raw.headers, body: raw.body)
        let index: Int = lock.withLock {
            received.append(request)
            return received.count - 1
        }
        perform(handler(request, index), on: fd, index: index)
    }

    private func perform(_ fault: Fault, on fd: Int32, index: Int) {
        switch fault {
        case .respond(let status, let body, let headers):
            RawHTTP.respond(status, body: body, headers: headers, to: fd)
        case .truncate(let status, let body, let sentBytes):
            let head = RawHTTP.head(status, length: body.utf8.count, headers: ["Content-Type": "application/json"])
            LoopbackSockets.sendAll(Array(head.utf8) + body.utf8.prefix(sentBytes), to: fd)
        case .hangUp:
            return
        case .delay(let duration, let then):
            let until = ContinuousClock.now + duration
            while ContinuousClock.now < until {
                if isStopped { return }
                if Self.clientHasLeft(fd, waitingMilliseconds: 10) {
                    lock.withLock { _ = left.insert(index) }
                    return
                }
            }
            perform(then, on: fd, index: index)
        }
    }

    /// Whether the client closed its end (waiting up to `waitingMilliseconds` to see it). The
    /// whole request was read already, so anything readable now is the end of the stream.
    private static func clientHasLeft(_ fd: Int32, waitingMilliseconds: Int32) -> Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&entry, 1, waitingMilliseconds) > 0 else { return false }
        var byte: UInt8 = 0
        let peeked = recv(fd, &byte, 1, Int32(MSG_PEEK) | Int32(MSG_DONTWAIT))
        if peeked == 0 { return true }
        if peeked < 0 { return errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR }
        Thread.sleep(forTimeInterval: 0.01)  // more bytes, not a hang-up: do not spin on them
        return false
    }
}

/// Runs `body` against a fresh fault server and always stops it.
@discardableResult
func withFaultServer<T>(_ handler: @escaping FaultServer.Handler,
                        _ body: (FaultServer) async throws -> T) async throws -> T {
    let server = try FaultServer.start(handler)
    defer { server.stop() }
    return try await body(server)
}

extension RetryPolicy {
    /// The standard limits, without the waits: tests stay fast and see each wait asked for.
    static var instant: RetryPolicy { recording(SleepLog()) }

    /// Records each wait instead of taking it, and measures `maxTotalTime` on a clock that
    /// moves only by those waits: the limits are the policy's, whatever the machine's speed.
    static func recording(_ log: SleepLog, maxAttempts: Int = 3, maxTotalTime: Duration = .seconds(30)) -> RetryPolicy {
        let origin = ContinuousClock.now
        return RetryPolicy(maxAttempts: maxAttempts, maxTotalTime: maxTotalTime, sleep: { duration in
            log.append(duration)
            try Task.checkCancellation()
        }, random: { 0.5 }, now: { origin + log.total })
    }
}

/// The waits a retry policy asked for.
final class SleepLog: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [Duration] = []
    func append(_ duration: Duration) { lock.withLock { recorded.append(duration) } }
    var waits: [Duration] { lock.withLock { recorded } }
    /// All the waits together: how far the recording policy's clock has moved.
    var total: Duration { waits.reduce(.zero, +) }
}
