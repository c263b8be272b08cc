/// A customer's lifecycle state. The server sends `published` (live) and `archived`
/// (deleted); its enum also has `deleted`. Any other string is kept as sent.
public struct CustomerStatus: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }

    public static let published = CustomerStatus("published")
    public static let archived = CustomerStatus("archived")
    public static let deleted = CustomerStatus("deleted")

    public var description: String { rawValue }

    public init(from decoder: Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
}
