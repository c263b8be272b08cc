import Foundation

/// How often and how patiently the client repeats a request that failed in a way that may
/// pass: a refused or dropped connection, a timeout, 502/503/504, 429.
///
/// Limits are twofold so that an operator never waits open-endedly: at most `maxAttempts`
/// tries, and no new try is started once `maxTotalTime` has gone by since the first began
/// (the try under way may still run up to the request timeout). Between tries the wait grows
/// exponentially from `baseDelay` up to `maxDelay`, with jitter so that many consoles that
/// failed together do not come back together. A server's `Retry-After` is obeyed when it is
/// no longer than `maxRetryAfter`; a longer one ends the retries at once (waiting less than
/// asked would only earn another 429).
///
/// `sleep`, `random` and `now` are injectable so tests can record the waits instead of taking
/// them, and measure `maxTotalTime` on a clock that moves only by those waits.
public struct RetryPolicy: Sendable {
    public var maxAttempts: Int
    public var baseDelay: Duration
    public var maxDelay: Duration
    public var maxRetryAfter: Duration
    public var maxTotalTime: Duration
    /// Waits; must throw when the task is cancelled (as `Task.sleep` does).
    public var sleep: @Sendable (Duration) async throws -> Void
    /// A number in 0...1 for the jitter.
    public var random: @Sendable () -> Double
    /// The clock `maxTotalTime` is measured on: the continuous clock. A test that records its
    /// waits instead of taking them passes one that moves only by those waits, so the limit
    /// counts the policy's own waits and never how fast the test machine answers.
    public var now: @Sendable () -> ContinuousClock.Instant

    public init(maxAttempts: Int = 3, baseDelay: Duration = .milliseconds(250), maxDelay: Duration = .seconds(2),
                maxRetryAfter: Duration = .seconds(10), maxTotalTime: Duration = .seconds(30),
                sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
                random: @escaping @Sendable () -> Double = { Double.random(in: 0...1) },
                now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
        self.maxTotalTime = maxTotalTime
        self.sleep = sleep
        self.random = random
        self.now = now
    }

    /// Three tries, 250 ms then 500 ms (each between half and all of that), 30 s in all.
    public static let standard = RetryPolicy()
    /// One try: nothing is repeated (creates still check after an ambiguous failure).
    public static let never = RetryPolicy(maxAttempts: 1)

    /// The wait before try number `attempt` (2 for the first retry): `baseDelay` doubled per
    /// earlier retry, capped at `maxDelay`, then "equal jitter": half of it fixed, the other
    /// half random, so the wait is never zero and never above the cap.
    public func backoff(beforeAttempt attempt: Int) -> Duration {
        let doublings = max(0, min(attempt - 2, 30))
        let full = min(baseDelay * (1 << doublings), maxDelay)
        let jitter = min(max(random(), 0), 1)
        let half = full / 2
        let halfNanoseconds = Double(half.components.seconds) * 1e9 + Double(half.components.attoseconds / 1_000_000_000)
        return half + .nanoseconds(Int64((halfNanoseconds * jitter).rounded()))
    }
}

/// Reads `Retry-After`: delay-seconds or an HTTP date (RFC 9110 section 10.2.3).
enum RetryAfter {
    static func parse(_ value: String?, now: Date = Date()) -> Duration? {
        guard let text = value?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        if let seconds = Int(text) { return .seconds(max(0, seconds)) }
        for format in httpDateFormats {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = format
            if let date = formatter.date(from: text) {
                return .milliseconds(max(0, Int((date.timeIntervalSince(now) * 1000).rounded(.up))))
            }
        }
        return nil
    }

    /// IMF-fixdate, then the two obsolete forms HTTP still allows.
    private static let httpDateFormats = ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz",
                                          "EEE MMM d HH:mm:ss yyyy"]
}
