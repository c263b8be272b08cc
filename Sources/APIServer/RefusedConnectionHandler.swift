import NIOCore

/// The only handler of a connection `ConnectionLimiter` refused: writes the 503, ends the
/// output, then drops whatever the client sends until it closes or a second has passed.
/// Closing at once with the client's request unread would make the kernel answer with a reset,
/// which can destroy the 503 before the client reads it.
final class RefusedConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    static let linger = TimeAmount.seconds(1)

    func handlerAdded(context: ChannelHandlerContext) {
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(ConnectionLimiter.refusal)).whenComplete { _ in
            channel.close(mode: .output, promise: nil)
        }
        context.eventLoop.assumeIsolated().scheduleTask(in: Self.linger) { channel.close(promise: nil) }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {}

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case ChannelEvent.inputClosed = event { context.close(promise: nil) }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
