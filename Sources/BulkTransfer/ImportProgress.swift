/// How far an import is, for a progress line or bar.
public struct ImportProgress: Sendable, Hashable {
    public enum Phase: String, Sendable {
        /// Reading the whole file against the validation table, before anything is written.
        case checking
        /// Matching rows to customers and writing them (or, in a dry run, only matching).
        case importing
    }

    public var phase: Phase
    /// Rows handled in this phase so far.
    public var done: Int
    /// Rows in the file (known once the check has read it; 0 while checking).
    public var total: Int
    public var seconds: Double

    /// Rows per second in this phase.
    public var rate: Double { seconds > 0 ? Double(done) / seconds : 0 }
    /// Seconds left at the rate so far; nil before there is a rate.
    public var secondsLeft: Double? {
        guard total > 0, done > 0, rate > 0 else { return nil }
        return Double(total - done) / rate
    }
}
