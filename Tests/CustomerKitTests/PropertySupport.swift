import TestSupport

/// Seeded generators for the validation property tests (the shared SplitMix64), text built from
/// characters of a chosen UTF-8 length, and length counts made independently of `LengthUnit`.
/// The kinds of text the properties are checked with.
enum TextKind: String, CaseIterable, Sendable {
    case oneByte, twoBytes, threeBytes, fourBytes
    /// Graphemes of several code points: combining sequences, flags, ZWJ emoji, skin tones.
    case clusters
    case mixed

    /// One piece of text of this kind (a single scalar, or one multi-scalar grapheme).
    func piece(_ rng: inout SplitMix64) -> String {
        switch self {
        case .oneByte: return String(Character(rng.scalar(in: 0x20...0x7E)))
        case .twoBytes: return String(rng.scalar(in: 0x80...0x7FF))
        case .threeBytes: return String(rng.scalar(in: 0x800...0xFFFF))
        case .fourBytes: return String(rng.scalar(in: 0x10000...0x10FFFF))
        case .clusters:
            switch rng.below(5) {
            case 0:
                // A base letter and 1-3 combining marks (U+0300-U+036F).
                var s = String(rng.scalar(in: 0x61...0x7A))
                for _ in 0..<rng.between(1, 3) { s.unicodeScalars.append(rng.scalar(in: 0x300...0x36F)) }
                return s
            case 1:
                // A flag: two regional indicators.
                return String(rng.scalar(in: 0x1F1E6...0x1F1FF)) + String(rng.scalar(in: 0x1F1E6...0x1F1FF))
            case 2: return "👩\u{200D}👩\u{200D}👧\u{200D}👦"
            case 3: return String(rng.scalar(in: 0x1F466...0x1F469)) + String(rng.scalar(in: 0x1F3FB...0x1F3FF))
            default: return "\u{915}\u{94D}\u{937}"
            }
        case .mixed:
            let kinds: [TextKind] = [.oneByte, .twoBytes, .threeBytes, .fourBytes, .clusters]
            return rng.pick(kinds).piece(&rng)
        }
    }
}

/// Length counts that do not go through `LengthUnit`: bytes from each scalar's value, code
/// points from the UTF-16 view (a surrogate pair is one code point).
enum IndependentCount {
    static func utf8Bytes(_ text: String) -> Int {
        var total = 0
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0..<0x80: total += 1
            case 0x80..<0x800: total += 2
            case 0x800..<0x10000: total += 3
            default: total += 4
            }
        }
        return total
    }

    static func codePoints(_ text: String) -> Int {
        text.utf16.reduce(0) { count, unit in (0xDC00...0xDFFF).contains(unit) ? count : count + 1 }
    }

    static func isASCII(_ text: String) -> Bool { utf8Bytes(text) == codePoints(text) }
}

enum TextBuilder {
    /// Text of `kind` exactly `target` units long in `unit` (counted independently): pieces
    /// of the kind while they fit, then one-byte filler to land on the target.
    static func text(_ kind: TextKind, units target: Int, bytes: Bool, _ rng: inout SplitMix64) -> String {
        func length(_ s: String) -> Int { bytes ? IndependentCount.utf8Bytes(s) : IndependentCount.codePoints(s) }
        var out = ""
        var used = 0
        var misses = 0
        while used < target {
            let piece = misses < 4 ? kind.piece(&rng) : "x"
            let size = length(piece)
            if used + size <= target {
                out += piece
                used += size
            } else {
                misses += 1
            }
        }
        return out
    }
}
