/// The FlexPrice error JSON: `{"code", "message", "http_status_code", "details"}`.
/// `details` is omitted when empty, as the server does.
public struct ErrorResponse: Sendable, Hashable, Codable {
    public var code: String
    public var message: String
    public var httpStatusCode: Int
    public var details: [String: String]?

    public init(code: String, message: String, httpStatusCode: Int, details: [String: String]? = nil) {
        self.code = code
        self.message = message
        self.httpStatusCode = httpStatusCode
        self.details = details?.isEmpty == true ? nil : details
    }

    enum CodingKeys: String, CodingKey {
        case code, message, httpStatusCode = "http_status_code", details
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        code = try c.decode(String.self, forKey: .code)
        message = try c.decodeIfPresent(String.self, forKey: .message) ?? ""
        httpStatusCode = try c.decodeIfPresent(Int.self, forKey: .httpStatusCode) ?? 0
        // The server merges structured details of any JSON type; keep them as text.
        if let raw = try c.decodeIfPresent([String: JSONValue].self, forKey: .details) {
            details = raw.mapValues { value in
                if case .string(let s) = value { return s }
                return value.compactJSON
            }
        } else {
            details = nil
        }
    }
}

extension JSONValue {
    /// A compact JSON rendering, for showing non-string values as text.
    public var compactJSON: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let text): return text
        case .string(let s): return "\"" + s.replacingJSONSpecials() + "\""
        case .array(let a): return "[" + a.map(\.compactJSON).joined(separator: ",") + "]"
        case .object(let o):
            return "{" + o.keys.sorted().map { "\"\($0.replacingJSONSpecials())\":\(o[$0]!.compactJSON)" }
                .joined(separator: ",") + "}"
        }
    }
}

extension String {
    fileprivate func replacingJSONSpecials() -> String {
        var out = ""
        for scalar in unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
