/// How long the server waits for a client and how much it lets clients hold, so that no client,
/// slow or hostile, can hold a connection, a database reader or the descriptor table forever.
/// The defaults are in the README's API server section; `ServerSettings` reads them from flags
/// and the config file.
public struct ServerLimits: Sendable, Equatable {
    /// From a connection's opening, or the first byte of a later request on it, until the
    /// request's head (request line and headers) is complete. Past it: 408 and the connection closed.
    public var headerTimeout: Duration = .seconds(10)
    /// A kept-alive connection with no request under way is closed after this long.
    public var idleTimeout: Duration = .seconds(60)
    /// From a request's head until its answer: reading the body and doing the work. Past it the
    /// work is stopped and the answer is 503 `service_unavailable` (408 if the body had not all
    /// arrived, and the connection closes).
    public var requestTimeout: Duration = .seconds(30)
    /// Open connections at most; one more is answered 503 and closed at once.
    public var maxConnections = 1000
    /// Requests of one environment that work at once; the others wait in arrival order (until
    /// their deadline), so that one environment's load cannot take every reader and thread.
    public var requestsPerEnvironment = 4

    public init() {}

    public static let defaults = ServerLimits()

    /// Seconds as people write them: "30", "0.25".
    public static func text(_ duration: Duration) -> String {
        let millis = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        let whole = millis / 1000
        let fraction = millis % 1000
        guard fraction != 0 else { return "\(whole)" }
        var digits = String(fraction)
        digits = String(repeating: "0", count: 3 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return "\(whole).\(digits)"
    }
}
