import JSONStrings

/// Byte-level helpers over JSON text for `DuplicateKeys`: finding the end of a string, the
/// decoded bytes of a key (so that `"n\u0061me"` and `"name"` are one key, as in Go), and a
/// quick pass that tells whether any object repeats a key.
enum JSONScanner {
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    /// Where a number or a literal (`true`, `null`) ends.
    static func isDelimiter(_ byte: UInt8) -> Bool {
        isSpace(byte) || byte == UInt8(ascii: ",") || byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}")
            || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{")
            || byte == UInt8(ascii: "\"")
    }

    /// The index just past the closing quote of the string that opens at `start`.
    static func stringEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        var index = start + 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""): return index + 1
            case UInt8(ascii: "\\"): index += 2
            default: index += 1
            }
        }
        return nil
    }

    /// The key's text as UTF-8 bytes with its escapes decoded; nil for a malformed escape.
    static func decodedKey(_ bytes: [UInt8], _ quoted: Range<Int>) -> [UInt8]? {
        JSONStringEscapes.decode(bytes[(quoted.lowerBound + 1)..<(quoted.upperBound - 1)])
    }

    /// Whether some object in the text has a key twice. Not a validator: malformed text may
    /// answer either way (the parser that follows refuses it).
    static func hasDuplicateKey(_ bytes: [UInt8], maxDepth: Int) -> Bool {
        // One entry per open container: the keys seen so far for an object, nil for an array.
        var stack: [Set<[UInt8]>?] = []
        var expectingKey = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "{"):
                stack.append([])
                if stack.count > maxDepth { return false }
                expectingKey = true
                index += 1
            case UInt8(ascii: "["):
                stack.append(nil)
                if stack.count > maxDepth { return false }
                expectingKey = false
                index += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if !stack.isEmpty { stack.removeLast() }
                expectingKey = false
                index += 1
            case UInt8(ascii: ","):
                expectingKey = stack.last.map { $0 != nil } ?? false
                index += 1
            case UInt8(ascii: ":"):
                expectingKey = false
                index += 1
            case UInt8(ascii: "\""):
                guard let end = stringEnd(bytes, from: index) else { return false }
                if expectingKey, let last = stack.indices.last, stack[last] != nil {
                    let key = decodedKey(bytes, index..<end) ?? Array(bytes[index..<end])
                    if !stack[last]!.insert(key).inserted { return true }
                    expectingKey = false
                }
                index = end
            default:
                index += 1
            }
        }
        return false
    }
}
