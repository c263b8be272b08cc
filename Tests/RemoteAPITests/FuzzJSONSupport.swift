import CustomerKit
import Foundation
@testable import RemoteAPI
import TestSupport

/// A JSON tree that can be written back with the oddities a hostile server may send: raw
/// text spliced in (deep nesting, duplicate keys, numbers no `Double` holds).
indirect enum FuzzJSON {
    case null, bool(Bool), number(String), string(String)
    case array([FuzzJSON])
    /// Ordered pairs, so duplicate keys can be written.
    case object([(String, FuzzJSON)])
    case raw(String)

    init(_ any: Any) {
        switch any {
        case is NSNull: self = .null
        case let n as NSNumber where ["c", "B"].contains(String(cString: n.objCType)):
            self = .bool(n.boolValue)
        case let n as NSNumber: self = .number(n.stringValue)
        case let s as String: self = .string(s)
        case let a as [Any]: self = .array(a.map(FuzzJSON.init))
        case let o as [String: Any]: self = .object(o.keys.sorted().map { ($0, FuzzJSON(o[$0]!)) })
        default: self = .raw("\"?\"")
        }
    }

    static func parse(_ text: String) -> FuzzJSON? {
        guard let any = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) else {
            return nil
        }
        return FuzzJSON(any)
    }

    var text: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return n
        case .string(let s): return Self.quote(s)
        case .array(let items): return "[" + items.map(\.text).joined(separator: ",") + "]"
        case .object(let pairs): return "{" + pairs.map { Self.quote($0.0) + ":" + $0.1.text }.joined(separator: ",") + "}"
        case .raw(let raw): return raw
        }
    }

    static func quote(_ s: String) -> String {
        if !s.unicodeScalars.contains(where: { $0 == "\"" || $0 == "\\" || $0.value < 0x20 }) { return "\"" + s + "\"" }
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    var hasDuplicateKeys: Bool {
        switch self {
        case .array(let items): return items.contains { $0.hasDuplicateKeys }
        case .object(let pairs):
            return Set(pairs.map(\.0)).count != pairs.count || pairs.contains { $0.1.hasDuplicateKeys }
        default: return false
        }
    }

    /// Number of nodes (the paths `mutate` can pick from).
    var size: Int {
        switch self {
        case .array(let items): 1 + items.reduce(0) { $0 + $1.size }
        case .object(let pairs): 1 + pairs.reduce(0) { $0 + $1.1.size }
        default: 1
        }
    }

    /// Replaces node number `index` (pre-order) by what `change` makes of it.
    func replacing(_ index: Int, with change: (FuzzJSON) -> FuzzJSON?) -> FuzzJSON? {
        var counter = index
        return replacing(&counter, change)
    }

    private func replacing(_ counter: inout Int, _ change: (FuzzJSON) -> FuzzJSON?) -> FuzzJSON? {
        if counter == 0 {
            counter = -1
            return change(self)
        }
        counter -= 1
        switch self {
        case .array(let items):
            var out: [FuzzJSON] = []
            for item in items {
                if counter < 0 { out.append(item); continue }
                if let changed = item.replacing(&counter, change) { out.append(changed) }
            }
            return .array(out)
        case .object(let pairs):
            var out: [(String, FuzzJSON)] = []
            for (key, value) in pairs {
                if counter < 0 { out.append((key, value)); continue }
                if let changed = value.replacing(&counter, change) { out.append((key, changed)) }
            }
            return .object(out)
        default:
            return self
        }
    }
}

/// Ways to spoil a response body, all seeded.
enum BodyMutator {
    /// Text a hostile or broken server might put in a string.
    static func nastyString(_ rng: inout SplitMix64) -> String {
        switch rng.below(8) {
        case 0: return String(repeating: rng.pick(["x", "é", "日", "🙂", "\u{1B}[31m"]), count: rng.between(10_000, 100_000))
        case 1: return ""
        case 2: return " \n\t "
        case 3: return "\u{1B}]0;owned\u{7}\u{202E}\u{0}\u{85}"
        case 4: return "sk_fuzz_secret_key_123"
        case 5: return "Key: 'X.Name' Error:Field validation for 'Name' failed on the '\(rng.pick(["required", "max", "email", "len", "", "'"]))' tag"
        case 6: return rng.pick(CustomerField.allCases).goName
        default: return String((0..<rng.between(1, 40)).map { _ in Character(Unicode.Scalar(UInt8(rng.between(0x20, 0x7E)))) })
        }
    }

    static func nastyNumber(_ rng: inout SplitMix64) -> String {
        rng.pick(["0", "-1", "1.5", "-0", "1e308", "-1e308", "1e400", "9223372036854775807", "-9223372036854775808",
                  "9223372036854775808", "18446744073709551615", "123456789012345678901234567890", "0.000001",
                  "4.9e-324", "2147483648", "1000", "1001"])
    }

    /// A value of any type, sometimes deeply nested.
    static func wrongValue(_ rng: inout SplitMix64) -> FuzzJSON {
        switch rng.below(9) {
        case 0: return .null
        case 1: return .bool(rng.chance(0.5))
        case 2: return .number(nastyNumber(&rng))
        case 3: return .string(nastyString(&rng))
        case 4: return .array((0..<rng.between(0, 3)).map { _ in .string(nastyString(&rng)) })
        case 5: return .object([(nastyString(&rng), .number("1")), ("id", .string("cust_x"))])
        case 6:
            let depth = rng.pick([10, 100, 600, 5_000, 50_000])
            return .raw(String(repeating: "[", count: depth) + String(repeating: "]", count: depth))
        case 7:
            let depth = rng.pick([10, 100, 600, 5_000])
            return .raw(String(repeating: "{\"a\":", count: depth) + "1" + String(repeating: "}", count: depth))
        default: return .string(rng.pick(["2026-02-30T00:00:00Z", "2026-08-22T10:15:30.123456789+25:00", "not a time",
                                          "9999-12-31T23:59:60.9999999999999999999Z", "0000-01-01T00:00:00Z"]))
        }
    }

    /// A structural mutation of a parsed body: a value of the wrong type, a key dropped, an
    /// unknown or duplicate key added.
    static func structural(_ tree: FuzzJSON, _ rng: inout SplitMix64) -> FuzzJSON {
        let index = rng.below(tree.size)
        let mutated = tree.replacing(index) { node in
            switch rng.below(5) {
            case 0: return nil  // dropped
            case 1:
                if case .object(var pairs) = node {
                    pairs.append((rng.chance(0.5) ? nastyString(&rng) : pairs.first?.0 ?? "k", wrongValue(&rng)))
                    return .object(pairs)
                }
                return wrongValue(&rng)
            case 2:
                if case .array(let items) = node, let first = items.first {
                    return .array(items + Array(repeating: first, count: rng.between(1, 5)))
                }
                return wrongValue(&rng)
            default:
                return wrongValue(&rng)
            }
        }
        return mutated ?? .null
    }

    /// Byte-level damage: flips, inserts (invalid UTF-8 included) and deletions.
    static func bytes(_ body: Data, _ rng: inout SplitMix64) -> Data {
        var bytes = [UInt8](body)
        for _ in 0..<rng.between(1, 8) {
            let position = rng.below(bytes.count + 1)
            switch rng.below(4) {
            case 0 where position < bytes.count: bytes[position] ^= UInt8(1 << rng.below(8))
            case 1 where position < bytes.count: bytes.remove(at: position)
            case 2: bytes.insert(rng.pick([0x00, 0x22, 0x5C, 0x7B, 0x7D, 0x5B, 0x5D, 0x2C, 0x3A, 0x80, 0xC0, 0xFF, 0xED, 0xF4]),
                                 at: position)
            default: bytes.insert(UInt8(rng.below(256)), at: position)
            }
        }
        return Data(bytes)
    }
}
