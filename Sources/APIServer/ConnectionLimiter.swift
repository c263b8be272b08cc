import NIOConcurrencyHelpers
import NIOCore

/// Counts the server's open connections and refuses one past `limit` at once, with a 503
/// written straight to the socket, so that the clients already connected keep working and the
/// process never runs out of file descriptors (`DescriptorBudget` checks there is room for
/// `limit`). Shared by every event loop.
final class ConnectionLimiter: Sendable {
    let limit: Int
    private let open = NIOLockedValueBox(0)

    init(limit: Int) { self.limit = limit }

    var openConnections: Int { open.withLockedValue { $0 } }

    /// Counts the channel in if there is room, until it closes.
    func admit(_ channel: any Channel) -> Bool {
        let admitted = open.withLockedValue { count in
            guard count < limit else { return false }
            count += 1
            return true
        }
        if admitted {
            channel.closeFuture.whenComplete { [open] _ in open.withLockedValue { $0 -= 1 } }
        }
        return admitted
    }

    static let refusal = ByteBuffer(string:
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json; charset=utf-8\r\n"
        + "Connection: close\r\nRetry-After: 1\r\nContent-Length: \(refusalBody.utf8.count)\r\n\r\n\(refusalBody)")
    private static let refusalBody = #"{"code":"service_unavailable","http_status_code":503,"#
        + #""message":"The server has as many connections open as it allows; try again shortly"}"#
}
