import NIOConcurrencyHelpers
import NIOCore

/// Tells a request's work that its connection has closed (the client left, or a deadline closed
/// it), so that the work stops. One per connection, found from the request's channel.
///
/// Not `channel.closeFuture.whenComplete` per request: a future's callbacks cannot be removed,
/// and a kept-alive connection serving a million requests would hold a million of them.
final class ConnectionWatch: Sendable {
    private struct State {
        var closed = false
        var nextToken: UInt64 = 0
        var observers: [UInt64: @Sendable () -> Void] = [:]
    }

    private let state = NIOLockedValueBox(State())

    private static let registry = NIOLockedValueBox([ObjectIdentifier: ConnectionWatch]())

    /// Starts watching `channel` until it closes.
    static func register(_ channel: any Channel) {
        let watch = ConnectionWatch()
        let key = ObjectIdentifier(channel)
        registry.withLockedValue { $0[key] = watch }
        channel.closeFuture.whenComplete { _ in
            registry.withLockedValue { $0[key] = nil }
            watch.markClosed()
        }
    }

    /// The watch of a connection that `register` was called for and that is still open.
    static func of(_ channel: any Channel) -> ConnectionWatch? {
        registry.withLockedValue { $0[ObjectIdentifier(channel)] }
    }

    /// Calls `observer` once when the connection closes (at once if it has). The token removes it.
    func onClose(_ observer: @escaping @Sendable () -> Void) -> UInt64? {
        let token: UInt64? = state.withLockedValue { state in
            guard !state.closed else { return nil }
            state.nextToken += 1
            state.observers[state.nextToken] = observer
            return state.nextToken
        }
        if token == nil { observer() }
        return token
    }

    func remove(_ token: UInt64?) {
        guard let token else { return }
        state.withLockedValue { _ = $0.observers.removeValue(forKey: token) }
    }

    private func markClosed() {
        let observers = state.withLockedValue { state in
            state.closed = true
            defer { state.observers = [:] }
            return Array(state.observers.values)
        }
        for observer in observers { observer() }
    }
}
