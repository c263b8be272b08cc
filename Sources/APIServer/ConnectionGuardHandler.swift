import NIOCore

/// The first handler of every connection (next to the socket): it sees each byte that arrives,
/// keeps the connection's `ConnectionTimeouts` and closes the connection when a deadline
/// passes, with a 408 where part of a request arrived and nothing was answered yet.
///
/// It also closes the connection when the client closes its side: Hummingbird allows half
/// closure, so a client that went away would otherwise leave its request running. Closing the
/// channel is what `RequestGuard` watches to stop the request's work (Go's
/// net/http likewise cancels a request's context when its connection's reading side ends).
///
/// And it answers a request head (request line and headers) larger than `maxHeadBytes` with a
/// JSON 431 before the HTTP parser sees it: the parser's own limit is a little higher and ends
/// in a bare 400 with no body, which tells a client nothing.
///
/// `RequestProgressHandler`, after the HTTP codec, tells it where the requests and responses are.
/// Everything here runs on the channel's event loop.
final class ConnectionGuardHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private var timeouts: ConnectionTimeouts
    private var context: ChannelHandlerContext?
    private var timer: Scheduled<Void>?
    private var timerDeadline: NIODeadline?

    /// The largest request line and headers taken: far above any real client's (a search with
    /// many filters belongs in the body of `POST /customers/search`), below the parser's 80 KiB.
    static let maxHeadBytes = 64 * 1024

    /// Bytes of the head being read so far, and the last four, to find its end across reads.
    private var headBytes = 0
    private var awaitingHead = true
    private var lastFour: UInt32 = 0

    static let headTooLargeAnswer: ByteBuffer = {
        let body = #"{"code":"request_too_large","http_status_code":431,"message":"The request line and headers "#
            + #"are larger than \#(maxHeadBytes) bytes; send long filters in the body of POST /v1/customers/search"}"#
        return ByteBuffer(string: "HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Type: application/json; charset=utf-8\r\n"
                          + "Connection: close\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)")
    }()

    static let timeoutAnswer = ByteBuffer(string:
        "HTTP/1.1 408 Request Timeout\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\n"
        + "Content-Length: \(timeoutBody.utf8.count)\r\n\r\n\(timeoutBody)")
    private static let timeoutBody = #"{"code":"request_timeout","http_status_code":408,"#
        + #""message":"The request did not arrive in time"}"#

    init(limits: ConnectionTimeouts.Limits) {
        timeouts = ConnectionTimeouts(limits: limits, now: .now())
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        reschedule()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
        self.context = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        timeouts.bytesRead(now: .now())
        reschedule()
        if awaitingHead, headGrowsTooLarge(unwrapInboundIn(data)) {
            let channel = context.channel
            awaitingHead = false
            context.writeAndFlush(wrapOutboundOut(Self.headTooLargeAnswer)).whenComplete { _ in
                channel.close(promise: nil)
            }
            return
        }
        context.fireChannelRead(data)
    }

    /// Counts this read's bytes up to the end of the head (a blank line), if it is in it.
    private func headGrowsTooLarge(_ buffer: ByteBuffer) -> Bool {
        let bytes = buffer.readableBytesView
        for (offset, byte) in bytes.enumerated() {
            lastFour = lastFour << 8 | UInt32(byte)
            if lastFour == 0x0D0A_0D0A {  // CR LF CR LF: the head ends here, a body may follow
                let tooLarge = headBytes + offset + 1 > Self.maxHeadBytes
                headBytes = 0
                lastFour = 0
                awaitingHead = false
                return tooLarge
            }
        }
        headBytes += bytes.count
        return headBytes > Self.maxHeadBytes
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case ChannelEvent.inputClosed = event {
            context.close(promise: nil)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    // MARK: - From RequestProgressHandler

    func headReceived() {
        timeouts.headReceived(now: .now())
        reschedule()
    }
    func requestEnded() {
        awaitingHead = true
        timeouts.requestEnded()
        reschedule()
    }
    func responseStarted() { timeouts.responseStarted(now: .now()) }
    func responseEnded() { timeouts.responseEnded(now: .now()); reschedule() }

    // MARK: - The timer

    /// One timer at a time, at the earliest deadline. A deadline that moved later is found when
    /// the timer fires early and looks again.
    private func reschedule() {
        guard let context else { return }
        let deadline = timeouts.expiry
        if let timerDeadline, timerDeadline <= deadline { return }
        timer?.cancel()
        timerDeadline = deadline
        guard deadline != .distantFuture else { return }
        timer = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) { [weak self] in
            self?.fired()
        }
    }

    private func fired() {
        timer = nil
        timerDeadline = nil
        guard let context else { return }
        switch timeouts.action(now: .now()) {
        case nil:
            reschedule()
        case .close?:
            context.close(promise: nil)
        case .answerTimeoutThenClose?:
            let channel = context.channel
            context.writeAndFlush(wrapOutboundOut(Self.timeoutAnswer)).whenComplete { _ in
                channel.close(promise: nil)
            }
        }
    }
}
