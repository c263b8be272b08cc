import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A tiny HTTP/1.1 server on 127.0.0.1: one thread, one connection at a time, every answer
/// closes its connection. Each request is recorded and answered by the handler. Stop it when
/// done (in a `defer`). For answers that fail on purpose (cut off, late, never), the remote
/// client's tests have a fault server on the same `RawHTTP` pieces.
public final class StubHTTPServer: Sendable {
    public typealias Request = RawHTTPRequest

    public struct Response: Sendable {
        public var status: Int
        public var body: String
        public init(status: Int, body: String) {
            self.status = status
            self.body = body
        }
        public static func json(_ status: Int, _ body: String) -> Response { Response(status: status, body: body) }
    }

    public let port: UInt16
    private let fd: Int32
    private let recorded = Mutex<[Request]>([])

    public var requests: [Request] { recorded.withLock { $0 } }
    public var baseURL: String { "http://127.0.0.1:\(port)/v1" }

    public init(_ handler: @escaping @Sendable (Request) -> Response) throws {
        (fd, port) = try LoopbackSockets.listening()
        let fd = fd
        let thread = Thread { [self] in
            while true {
                let client = accept(fd, nil, nil)
                if client < 0 { return }  // stopped
                if let request = RawHTTP.readRequest(client) {
                    recorded.withLock { $0.append(request) }
                    let response = handler(request)
                    RawHTTP.respond(response.status, body: response.body,
                                    headers: response.body.isEmpty ? [:] : ["Content-Type": "application/json"], to: client)
                }
                close(client)
            }
        }
        thread.start()
    }

    public func stop() { LoopbackSockets.closeSocket(fd) }
}
