import Foundation

/// Makes ULIDs: 26 characters of Crockford base32, upper case, a 48-bit millisecond timestamp
/// followed by 80 random bits, so that ids sort by creation time as FlexPrice's do.
///
/// Written by hand: none of the packages this project may use provides ULIDs, and the format
/// is small. Within one millisecond the generator is monotonic (the random part of the previous
/// id plus one), so ids made by one process in quick succession still sort in creation order.
/// One shared generator serves every store in the process for that reason.
public final class ULIDGenerator: @unchecked Sendable {
    // @unchecked: the mutable state below is only touched while `lock` is held.
    private let lock = NSLock()
    private var lastMillis: UInt64 = 0
    private var lastRandom: (high: UInt16, low: UInt64) = (0, 0)

    public static let shared = ULIDGenerator()

    public init() {}

    /// Crockford's alphabet: no I, L, O or U.
    static let alphabet: [UInt8] = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)

    /// A new ULID whose timestamp is `date` (clamped to the 48 bits the format has).
    public func next(at date: Date) -> String {
        let seconds = max(0, date.timeIntervalSince1970)
        let millis = min(UInt64(seconds * 1000), (1 << 48) - 1)
        lock.lock()
        defer { lock.unlock() }
        if millis == lastMillis {
            // Monotonic within a millisecond: add one to the 80-bit random part. Overflow
            // (2^80 ids in one millisecond) cannot happen in practice; wrap rather than trap.
            let (low, carry) = lastRandom.low.addingReportingOverflow(1)
            lastRandom = (carry ? lastRandom.high &+ 1 : lastRandom.high, low)
        } else {
            var rng = SystemRandomNumberGenerator()
            lastRandom = (UInt16.random(in: .min ... .max, using: &rng), rng.next())
            lastMillis = millis
        }
        return Self.encode(millis: millis, high: lastRandom.high, low: lastRandom.low)
    }

    /// 128 bits = 48 time + 16 + 64 random, written as 26 base32 digits (the first carries 3 bits).
    static func encode(millis: UInt64, high: UInt16, low: UInt64) -> String {
        // Split the 128-bit value into two 64-bit halves: top = time(48) | high(16).
        let top = (millis << 16) | UInt64(high)
        var out = [UInt8](repeating: 0, count: 26)
        // Digits are taken from the least significant end: 26 digits x 5 bits = 130 bits.
        var hi = top, lo = low
        for index in stride(from: 25, through: 0, by: -1) {
            out[index] = alphabet[Int(lo & 0x1F)]
            lo = (lo >> 5) | ((hi & 0x1F) << 59)
            hi >>= 5
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether `text` is a well-formed ULID (26 Crockford characters, first one 0-7).
    public static func isValid(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 26, let first = bytes.first, first >= 0x30, first <= 0x37 else { return false }
        return bytes.allSatisfy { alphabet.contains($0) }
    }

    /// The millisecond timestamp of a valid ULID.
    public static func millis(of text: String) -> UInt64? {
        guard isValid(text) else { return nil }
        var value: UInt64 = 0
        for byte in text.utf8.prefix(10) {
            guard let digit = alphabet.firstIndex(of: byte) else { return nil }
            value = (value << 5) | UInt64(digit)
        }
        return value
    }
}
