import Hummingbird
import LocalStore
import Logging
import NIOCore

/// What a request carries through the middleware into the handlers: its request id (for the
/// access log and the `X-Request-ID` header) and, after authentication, the store of the
/// environment its API key is bound to.
public struct APIRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The client's `X-Request-ID`, or one made here.
    public var requestID: String = ""
    /// Set by `AuthMiddleware` for `/v1` routes.
    public var store: LocalCustomerStore?
    /// The connection the request came on, watched by `RequestGuard` (the client may leave).
    public let channel: (any Channel)?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }

    /// Bodies are read by the handlers with `APIServer.maxBodyBytes`; this is only the
    /// framework's limit for its own decoders, kept equal.
    public var maxUploadSize: Int { APIServer.maxBodyBytes }
}
