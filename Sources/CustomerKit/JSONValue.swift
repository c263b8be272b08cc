import Foundation

/// Any JSON value, for the few places where the API carries free-form JSON
/// (integration mapping metadata) and for keys this client does not model,
/// which are kept so that nothing a server sends is lost on the way back.
public enum JSONValue: Sendable, Hashable, Codable {
    case null
    case bool(Bool)
    /// The number as decimal text, exact: 2^63 - 1 stays 9223372036854775807 (a `Double` would
    /// make it ...808), and `0.1` stays `0.1`.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let n = Self.exactNumber(c) { self = .number(n) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .number(let text):
            // Written back as the same number: integers through the integer types, anything
            // else through Decimal, which the encoder writes digit for digit.
            if let int = Int64(text) { try c.encode(int) }
            else if let uint = UInt64(text) { try c.encode(uint) }
            else if let decimal = Decimal(string: text, locale: Self.posix), decimal.isFinite { try c.encode(decimal) }
            else if let double = Double(text), double.isFinite { try c.encode(double) }
            else { throw EncodingError.invalidValue(text, .init(codingPath: encoder.codingPath,
                                                                 debugDescription: "not a JSON number: \(text)")) }
        case .string(let s): try c.encode(s)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }
}

extension JSONValue {
    private static let posix = Locale(identifier: "en_US_POSIX")

    /// A number read as exactly as the decoder allows: 64-bit integers first, then Decimal (38
    /// significant digits, so 2^64 and 0.1 stay as written), then Double for the rest. A number
    /// no type can hold (1e400) makes Foundation refuse the whole document as invalid JSON,
    /// so it is never turned into a different number here.
    fileprivate static func exactNumber(_ c: any SingleValueDecodingContainer) -> String? {
        if let int = try? c.decode(Int64.self) { return String(int) }
        if let uint = try? c.decode(UInt64.self) { return String(uint) }
        if let decimal = try? c.decode(Decimal.self), decimal.isFinite {
            return NSDecimalNumber(decimal: decimal).description(withLocale: posix)
        }
        if let double = try? c.decode(Double.self), double.isFinite { return String(double) }
        return nil
    }

    /// An integer as a JSON number.
    public static func integer<T: BinaryInteger>(_ value: T) -> JSONValue { .number(String(value)) }
}

/// A coding key made from any string, for reading and writing keys not known in advance.
struct AnyCodingKey: CodingKey, Hashable {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
