import Foundation

/// A point in time as the FlexPrice API writes it: RFC 3339 with 0 to 9 fractional digits.
///
/// Keeps the text it was decoded from so that a customer re-encodes byte for byte
/// (Go writes nanoseconds on create, microseconds on later reads), while comparisons
/// use the parsed instant: timestamps must never be compared as strings.
public struct Timestamp: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The instant, as precise as `Date` allows (about a microsecond).
    public let date: Date
    /// The RFC 3339 text: as received, or made by `init(date:)`.
    public let text: String

    /// Parses any RFC 3339 date-time (`T`/`t`/space separator, `Z`/`z` or a numeric offset,
    /// any number of fractional digits). Returns nil for anything else.
    public init?(rfc3339 text: String) {
        guard let date = RFC3339.parse(text) else { return nil }
        self.date = date
        self.text = text
    }

    /// A timestamp for `date`, written in UTC with microseconds (what Postgres-backed reads give).
    public init(date: Date) {
        let micros = (date.timeIntervalSince1970 * 1_000_000).rounded()
        let rounded = Date(timeIntervalSince1970: micros / 1_000_000)
        self.date = rounded
        self.text = RFC3339.format(rounded)
    }

    public static func now() -> Timestamp { Timestamp(date: Date()) }

    public var description: String { text }

    public static func == (a: Timestamp, b: Timestamp) -> Bool { a.date == b.date }
    public func hash(into hasher: inout Hasher) { hasher.combine(date) }
    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.date < b.date }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let string = try container.decode(String.self)
        guard let parsed = Timestamp(rfc3339: string) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "not an RFC 3339 date-time: \(string)")
        }
        self = parsed
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}
