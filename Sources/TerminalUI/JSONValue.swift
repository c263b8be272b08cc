import JSONStrings

/// A parsed JSON document. A small parser of our own (instead of Foundation's) because theme
/// errors must name the exact key path and line, and TerminalUI should not pull Foundation into
/// the console's start-up for one file.
enum JSONValue: Equatable, Sendable {
    case object([(key: String, value: JSONValue)])
    case array([JSONValue])
    case string(String)
    /// The number as written, so integers stay exact and "1.5" can be told from "1".
    case number(String)
    case bool(Bool)
    case null

    static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.object(let a), .object(let b)):
            a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case (.array(let a), .array(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.number(let a), .number(let b)): a == b
        case (.bool(let a), .bool(let b)): a == b
        case (.null, .null): true
        default: false
        }
    }

    /// "an object", "a string"... for error messages.
    var kindDescription: String {
        switch self {
        case .object: "an object"
        case .array: "an array"
        case .string: "a string"
        case .number: "a number"
        case .bool: "a boolean"
        case .null: "null"
        }
    }

    struct SyntaxError: Error, Equatable {
        var line: Int
        var column: Int
        var message: String
    }

    static func parse(_ text: String) throws(SyntaxError) -> JSONValue {
        var parser = JSONParser(bytes: Array(text.utf8))
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        guard parser.atEnd else { throw parser.error("unexpected text after the JSON value") }
        return value
    }
}

private struct JSONParser {
    let bytes: [UInt8]
    var offset = 0
    static let maxDepth = 64

    var atEnd: Bool { offset >= bytes.count }

    func error(_ message: String) -> JSONValue.SyntaxError {
        var line = 1, column = 1
        for byte in bytes[..<min(offset, bytes.count)] {
            if byte == UInt8(ascii: "\n") { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
        }
        return JSONValue.SyntaxError(line: line, column: column, message: message)
    }

    mutating func skipWhitespace() {
        while offset < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[offset]) { offset += 1 }
    }

    mutating func expect(_ byte: UInt8, _ what: String) throws(JSONValue.SyntaxError) {
        guard offset < bytes.count, bytes[offset] == byte else { throw error("expected \(what)") }
        offset += 1
    }

    mutating func parseValue(depth: Int) throws(JSONValue.SyntaxError) -> JSONValue {
        guard depth < Self.maxDepth else { throw error("nested too deeply") }
        guard offset < bytes.count else { throw error("unexpected end of file") }
        switch bytes[offset] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth)
        case UInt8(ascii: "["): return try parseArray(depth: depth)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw error("unexpected character")
        }
    }

    mutating func literal(_ word: String) throws(JSONValue.SyntaxError) {
        let expected = Array(word.utf8)
        guard bytes.count - offset >= expected.count, Array(bytes[offset..<offset + expected.count]) == expected else {
            throw error("unexpected character")
        }
        offset += expected.count
    }

    mutating func parseObject(depth: Int) throws(JSONValue.SyntaxError) -> JSONValue {
        offset += 1
        var members: [(key: String, value: JSONValue)] = []
        skipWhitespace()
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "}") { offset += 1; return .object(members) }
        while true {
            skipWhitespace()
            guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else { throw error("expected a key in quotes") }
            let key = try parseString()
            skipWhitespace()
            try expect(UInt8(ascii: ":"), "':' after the key")
            skipWhitespace()
            members.append((key, try parseValue(depth: depth + 1)))
            skipWhitespace()
            guard offset < bytes.count else { throw error("unexpected end of file, expected '}'") }
            if bytes[offset] == UInt8(ascii: "}") { offset += 1; return .object(members) }
            try expect(UInt8(ascii: ","), "',' or '}'")
        }
    }

    mutating func parseArray(depth: Int) throws(JSONValue.SyntaxError) -> JSONValue {
        offset += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "]") { offset += 1; return .array(elements) }
        while true {
            skipWhitespace()
            elements.append(try parseValue(depth: depth + 1))
            skipWhitespace()
            guard offset < bytes.count else { throw error("unexpected end of file, expected ']'") }
            if bytes[offset] == UInt8(ascii: "]") { offset += 1; return .array(elements) }
            try expect(UInt8(ascii: ","), "',' or ']'")
        }
    }

    mutating func parseNumber() throws(JSONValue.SyntaxError) -> String {
        let start = offset
        let allowed = Set("+-0123456789.eE".utf8)
        while offset < bytes.count, allowed.contains(bytes[offset]) { offset += 1 }
        let text = String(decoding: bytes[start..<offset], as: UTF8.self)
        guard Double(text) != nil else { throw error("malformed number") }
        return text
    }

    /// The string at `offset` (its opening quote): the closing quote is found first (control
    /// characters refused), then the escapes are decoded as every JSON reader here decodes them.
    mutating func parseString() throws(JSONValue.SyntaxError) -> String {
        offset += 1
        let start = offset
        while offset < bytes.count {
            let byte = bytes[offset]
            switch byte {
            case UInt8(ascii: "\""):
                let inner = bytes[start..<offset]
                offset += 1
                guard let decoded = JSONStringEscapes.decode(inner) else { throw error("bad escape in string") }
                return String(decoding: decoded, as: UTF8.self)
            case UInt8(ascii: "\\"):
                offset += 2
            case 0x00..<0x20:
                throw error("control character in string")
            default:
                offset += 1
            }
        }
        throw error("unterminated string")
    }
}
