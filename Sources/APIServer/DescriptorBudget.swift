#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Makes sure the process can hold every connection it admits and still open its own files: at
/// about 20,000 idle connections the descriptors ran out, every `accept` failed with EMFILE (NIO
/// backs off and retries, so no client got in) and SQLite could not open a reader. At start-up
/// the soft descriptor limit is raised to the hard one, and the connection limit must fit under
/// it with room for everything else, so that the limit, not the kernel, refuses connections.
enum DescriptorBudget {
    /// Connections being refused (a 503 on its way) on top of the admitted ones; past that many
    /// the server stops accepting until some close (the kernel's backlog holds the rest).
    static let refusalSlack = 64

    /// Descriptors besides connections: standard streams, the log, event loops, SQLite (a
    /// writer and two readers per environment, each with its file and WAL), the listening socket.
    static func reserve(environments: Int) -> Int { 64 + 8 * environments }

    /// Raises the soft limit as far as allowed and returns it; throws when `maxConnections` does
    /// not fit under it.
    @discardableResult
    static func ensure(maxConnections: Int, environments: Int) throws(SettingsError) -> Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return Int.max }
        if limit.rlim_cur < limit.rlim_max {
            var raised = limit
            raised.rlim_cur = limit.rlim_max
            if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0 { limit = raised }
        }
        let available = limit.rlim_cur == rlim_t.max ? Int.max : Int(clamping: limit.rlim_cur)
        let needed = maxConnections + refusalSlack + reserve(environments: environments)
        guard needed <= available else {
            throw SettingsError("max_connections \(maxConnections) needs \(needed) file descriptors with the server's "
                                + "own, and the limit (ulimit -n) is \(available): lower --max-connections to at "
                                + "most \(max(0, available - needed + maxConnections)) or raise the limit")
        }
        return available
    }
}
