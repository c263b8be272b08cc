import NIOCore

/// The deadlines of one HTTP/1.1 connection, as a pure state machine over what happens on it
/// (bytes read, a request head, a request's end, a response's end) and the time each happened.
/// `ConnectionGuardHandler` feeds it and acts on `expiry`; tests drive it with made-up instants.
///
/// - Waiting for a request: the first request's head must be complete `header` after the
///   connection opened; on a kept-alive connection the next request may start up to `idle`
///   after the last response ended, and its head must then be complete `header` after its first
///   byte. Bytes that trickle in never move a deadline.
/// - Reading a body: the whole request must have arrived `request` after its head.
/// - Working and answering: the response must have ended `request + idle` after its head. The
///   request deadline itself is enforced above (503); this only makes sure a connection cannot
///   outlive it, e.g. behind a client that does not read its answer.
struct ConnectionTimeouts {
    struct Limits: Equatable {
        var header: TimeAmount
        var idle: TimeAmount
        var request: TimeAmount

        init(header: TimeAmount, idle: TimeAmount, request: TimeAmount) {
            self.header = header
            self.idle = idle
            self.request = request
        }

        init(_ limits: ServerLimits) {
            self.init(header: .init(limits.headerTimeout), idle: .init(limits.idleTimeout),
                      request: .init(limits.requestTimeout))
        }
    }

    enum Action: Equatable {
        /// Close without a word (nothing of a request has arrived, or a response is under way).
        case close
        /// Answer 408 Request Timeout, then close (part of a request arrived, nothing was answered).
        case answerTimeoutThenClose
    }

    let limits: Limits
    /// Heads received whose response has not ended, oldest first (more than one when pipelined).
    private var heads: [NIODeadline] = []
    /// The newest request's body is still arriving.
    private var readingBody = false
    /// The first byte of a head that is not complete yet.
    private var headStarted: NIODeadline?
    /// When the connection opened or its last response ended.
    private var waitingSince: NIODeadline
    private var answeredAny = false
    /// Part of the oldest request's response has been written.
    private var responseStarted = false

    init(limits: Limits, now: NIODeadline) {
        self.limits = limits
        waitingSince = now
    }

    var requestsInFlight: Int { heads.count }

    mutating func bytesRead(now: NIODeadline) {
        if !readingBody && headStarted == nil { headStarted = now }
    }

    mutating func headReceived(now: NIODeadline) {
        headStarted = nil
        readingBody = true
        heads.append(now)
    }

    mutating func requestEnded() {
        readingBody = false
    }

    mutating func responseStarted(now: NIODeadline) {
        responseStarted = true
    }

    mutating func responseEnded(now: NIODeadline) {
        guard !heads.isEmpty else { return }
        heads.removeFirst()
        responseStarted = false
        answeredAny = true
        if heads.isEmpty { waitingSince = now }
    }

    /// When the connection is to be closed if nothing else happens first.
    var expiry: NIODeadline {
        var earliest = NIODeadline.distantFuture
        if readingBody, let newest = heads.last { earliest = min(earliest, newest + limits.request) }
        if let oldest = heads.first { earliest = min(earliest, oldest + limits.request + limits.idle) }
        if heads.isEmpty && !answeredAny {
            // The first request: its head within `header` of the connection opening.
            earliest = min(earliest, waitingSince + limits.header)
        } else if let headStarted {
            earliest = min(earliest, headStarted + limits.header)
        } else if heads.isEmpty {
            earliest = min(earliest, waitingSince + limits.idle)
        }
        return earliest
    }

    /// What to do at `now`: nil until `expiry` has passed.
    func action(now: NIODeadline) -> Action? {
        guard now >= expiry else { return nil }
        // A 408 only where it cannot land in the middle of another answer.
        if readingBody && heads.count == 1 && !responseStarted { return .answerTimeoutThenClose }
        if headStarted != nil && heads.isEmpty { return .answerTimeoutThenClose }
        return .close
    }
}
