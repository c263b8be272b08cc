/// Where audit entries go and are read back from (a file for the console and CLI).
public protocol AuditTrail: Sendable {
    func append(_ entry: AuditEntry)
    /// The newest entries first, at most `limit`.
    func recent(limit: Int) -> [AuditEntry]
}
