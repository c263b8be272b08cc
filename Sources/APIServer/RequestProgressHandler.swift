import NIOCore
import NIOHTTPTypes

/// Sits after the HTTP codec and tells the connection's `ConnectionGuardHandler` where the
/// requests and responses are: a head received, a request's end, a response started and ended.
/// It passes every part on unchanged.
final class RequestProgressHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let guardHandler: ConnectionGuardHandler

    init(reportingTo guardHandler: ConnectionGuardHandler) {
        self.guardHandler = guardHandler
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head: guardHandler.headReceived()
        case .body: break
        case .end: guardHandler.requestEnded()
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(let head) where head.status.kind != .informational: guardHandler.responseStarted()
        case .end: guardHandler.responseEnded()
        default: break
        }
        context.write(data, promise: promise)
    }
}
