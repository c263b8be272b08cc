import Foundation

/// Reads a JSON object with a repeated key the way the live server's Go decoder does:
/// Foundation's `JSONDecoder` keeps the first value, Go's `encoding/json` the last, and Go
/// decodes a second object into the struct or map the first one filled (the two are merged).
///
/// `resolve` returns the body unchanged, after one pass that allocates only for keys, unless
/// some object repeats a key; then it returns the same JSON rewritten with each repeated key
/// once: the last value, or for two objects their merge (by the same rule, key by key).
/// Arrays and every other value are replaced whole. Malformed JSON is returned as it came, so
/// that the decoder reports it as before.
enum DuplicateKeys {
    /// Deeper than this, the decoder refuses the body anyway.
    static let maxDepth = 512

    static func resolve(_ data: Data) -> Data {
        let bytes = [UInt8](data)
        guard JSONScanner.hasDuplicateKey(bytes, maxDepth: maxDepth) else { return data }
        var parser = JSONTree.Parser(bytes: bytes)
        guard let tree = parser.parseDocument() else { return data }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        tree.write(into: &out, from: bytes)
        return Data(out)
    }
}

/// A JSON value kept as byte ranges of the original text (strings with their escapes, numbers
/// as written), with objects' repeated keys resolved as `DuplicateKeys` describes.
indirect enum JSONTree {
    case object([(key: [UInt8], raw: Range<Int>, value: JSONTree)])
    case array([JSONTree])
    case scalar(Range<Int>)

    func write(into out: inout [UInt8], from bytes: [UInt8]) {
        switch self {
        case .scalar(let range):
            out += bytes[range]
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                item.write(into: &out, from: bytes)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                out += bytes[member.raw]
                out.append(UInt8(ascii: ":"))
                member.value.write(into: &out, from: bytes)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// `later` arriving under a key that already holds `self`.
    func merged(with later: JSONTree) -> JSONTree {
        guard case .object(var members) = self, case .object(let additions) = later else { return later }
        for addition in additions {
            if let index = members.firstIndex(where: { $0.key == addition.key }) {
                members[index].value = members[index].value.merged(with: addition.value)
            } else {
                members.append(addition)
            }
        }
        return .object(members)
    }

    /// A recursive-descent parser over the bytes; nil for anything that is not one JSON value.
    struct Parser {
        let bytes: [UInt8]
        var index = 0
        var depth = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func parseDocument() -> JSONTree? {
            guard let value = parseValue() else { return nil }
            skipSpace()
            return index == bytes.count ? value : nil
        }

        private mutating func skipSpace() {
            while index < bytes.count, JSONScanner.isSpace(bytes[index]) { index += 1 }
        }

        private mutating func parseValue() -> JSONTree? {
            skipSpace()
            guard index < bytes.count else { return nil }
            switch bytes[index] {
            case UInt8(ascii: "{"): return parseObject()
            case UInt8(ascii: "["): return parseArray()
            case UInt8(ascii: "\""):
                guard let end = JSONScanner.stringEnd(bytes, from: index) else { return nil }
                defer { index = end }
                return .scalar(index..<end)
            default:
                let start = index
                while index < bytes.count, !JSONScanner.isDelimiter(bytes[index]) { index += 1 }
                return index > start ? .scalar(start..<index) : nil
            }
        }

        private mutating func parseArray() -> JSONTree? {
            depth += 1
            defer { depth -= 1 }
            guard depth <= DuplicateKeys.maxDepth else { return nil }
            index += 1
            var items: [JSONTree] = []
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
            while true {
                guard let item = parseValue() else { return nil }
                items.append(item)
                skipSpace()
                guard index < bytes.count else { return nil }
                let byte = bytes[index]
                index += 1
                if byte == UInt8(ascii: "]") { return .array(items) }
                guard byte == UInt8(ascii: ",") else { return nil }
            }
        }

        private mutating func parseObject() -> JSONTree? {
            depth += 1
            defer { depth -= 1 }
            guard depth <= DuplicateKeys.maxDepth else { return nil }
            index += 1
            var members: [(key: [UInt8], raw: Range<Int>, value: JSONTree)] = []
            var positions: [[UInt8]: Int] = [:]
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
            while true {
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\""),
                      let end = JSONScanner.stringEnd(bytes, from: index),
                      let key = JSONScanner.decodedKey(bytes, index..<end) else { return nil }
                let raw = index..<end
                index = end
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
                index += 1
                guard let value = parseValue() else { return nil }
                if let position = positions[key] {
                    members[position].value = members[position].value.merged(with: value)
                } else {
                    positions[key] = members.count
                    members.append((key, raw, value))
                }
                skipSpace()
                guard index < bytes.count else { return nil }
                let byte = bytes[index]
                index += 1
                if byte == UInt8(ascii: "}") { return .object(members) }
                guard byte == UInt8(ascii: ",") else { return nil }
            }
        }
    }
}
