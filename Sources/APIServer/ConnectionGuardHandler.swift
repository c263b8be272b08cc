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
        context.fireChannelRead(data)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case ChannelEvent.inputClosed = event {
            context.close(promise: nil)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    // MARK: - From RequestProgressHandler

    func headReceived() { timeouts.headReceived(now: .now()); reschedule() }
    func requestEnded() { timeouts.requestEnded(); reschedule() }
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
