/// Decodes the escapes of a JSON string's text (RFC 8259 section 7), for the hand-written JSON
/// readers that need byte positions Foundation does not give: the theme parser (errors name the
/// line) and the API server's duplicate-key scan. One decoder, so both read the same text the
/// same way.
public enum JSONStringEscapes {
    /// The UTF-8 bytes of the string whose text (between the quotes) is `inner`, or nil for a
    /// malformed escape (an unknown letter, a `\u` without four hex digits, a trailing `\`).
    /// Surrogate pairs are joined; a lone surrogate cannot be UTF-8 and becomes U+FFFD, as
    /// Foundation reads it. Control characters are the caller's to refuse.
    public static func decode<Bytes: Collection<UInt8>>(_ inner: Bytes) -> [UInt8]? where Bytes.Index == Int {
        guard inner.contains(UInt8(ascii: "\\")) else { return Array(inner) }
        var out: [UInt8] = []
        out.reserveCapacity(inner.count)
        var index = inner.startIndex
        var pendingHigh: UInt32?
        func hex(_ at: Int) -> UInt32? {
            guard at + 4 <= inner.endIndex else { return nil }
            var value: UInt32 = 0
            for byte in inner[at..<(at + 4)] {
                guard let digit = hexDigit(byte) else { return nil }
                value = value * 16 + digit
            }
            return value
        }
        func append(_ scalar: UInt32) {
            let decoded = Unicode.Scalar(scalar) ?? "\u{FFFD}"
            out += Array(String(Character(decoded)).utf8)
        }
        func flushHigh() {
            if let high = pendingHigh { append(high) }
            pendingHigh = nil
        }
        while index < inner.endIndex {
            let byte = inner[index]
            guard byte == UInt8(ascii: "\\") else {
                flushHigh()
                out.append(byte)
                index += 1
                continue
            }
            guard index + 1 < inner.endIndex else { return nil }
            let escape = inner[index + 1]
            index += 2
            if escape == UInt8(ascii: "u") {
                guard let unit = hex(index) else { return nil }
                index += 4
                if (0xD800...0xDBFF).contains(unit) {
                    flushHigh()
                    pendingHigh = unit
                } else if (0xDC00...0xDFFF).contains(unit), let high = pendingHigh {
                    append(0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00))
                    pendingHigh = nil
                } else {
                    flushHigh()
                    append(unit)
                }
                continue
            }
            flushHigh()
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            default: return nil
            }
        }
        flushHigh()
        return out
    }

    private static func hexDigit(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}
