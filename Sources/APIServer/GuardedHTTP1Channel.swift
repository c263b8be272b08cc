import HummingbirdCore
import Logging
import NIOCore

/// Hummingbird's HTTP/1.1 channel with the server's own guards in front: a connection past
/// `ConnectionLimiter`'s limit gets its 503 and nothing else, and every other one gets a
/// `ConnectionGuardHandler` next to the socket (header, body and idle deadlines; a client that
/// leaves closes the channel) and a `RequestProgressHandler` after the HTTP codec.
struct GuardedHTTP1Channel: ServerChildChannel {
    struct Connection: ServerChildChannelValue {
        let channel: any Channel
        /// nil for a refused connection.
        let http: HTTP1Channel.Value?
    }

    let responder: HTTPChannelHandler.Responder
    let limits: ConnectionTimeouts.Limits
    let limiter: ConnectionLimiter

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Connection> {
        guard limiter.admit(channel) else {
            logger.warning("connection refused: at the limit", metadata: ["max_connections": "\(limiter.limit)"])
            return channel.eventLoop.makeCompletedFuture {
                try channel.pipeline.syncOperations.addHandler(RefusedConnectionHandler())
                return Connection(channel: channel, http: nil)
            }
        }
        ConnectionWatch.register(channel)
        return channel.eventLoop.makeCompletedFuture { () -> HTTP1Channel in
            let guardHandler = ConnectionGuardHandler(limits: limits)
            try channel.pipeline.syncOperations.addHandler(guardHandler)
            // Hummingbird asks for the extra handlers through a Sendable closure, which it calls
            // once, right here on the channel's event loop, where the handlers live.
            let progress = LoopBoundHandler(RequestProgressHandler(reportingTo: guardHandler))
            // Hummingbird's own idle timer stays off: the guard keeps every deadline.
            return HTTP1Channel(responder: responder,
                                configuration: .init(additionalChannelHandlers: [progress.handler]))
        }.flatMap { http1 in
            http1.setup(channel: channel, logger: logger)
        }.map { Connection(channel: channel, http: $0) }
    }

    func handle(value: Connection, logger: Logger) async {
        guard let http = value.http else { return }
        await HTTP1Channel(responder: responder).handle(value: http, logger: logger)
    }
}

/// A handler carried into Hummingbird's Sendable handler factory; only used on its channel's loop.
private struct LoopBoundHandler: @unchecked Sendable {
    let handler: RequestProgressHandler
    init(_ handler: RequestProgressHandler) { self.handler = handler }
}
