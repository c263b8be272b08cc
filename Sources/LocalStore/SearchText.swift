import Foundation

/// The text the search index sees: every searchable value and every query goes through
/// `normalize` so that matching is a plain byte-wise substring test in SQLite.
///
/// SQLite's `LIKE`, `lower()` and `instr()` only fold ASCII, so "ÄRGER" would not find "ärger".
/// Lower-casing (full Unicode mapping) and NFC composition happen here in Swift instead, once
/// per write, and the results are stored in shadow columns that the index is built from.
enum SearchText {
    /// U+0001 ends every indexed value (twice) so that the trigram index also holds the last one
    /// and two characters of a value; see `indexed(_:)`. It never survives `normalize`.
    static let sentinel: Unicode.Scalar = "\u{1}"

    /// Lower-cased, NFC, with the sentinel replaced by U+FFFD.
    static func normalize(_ text: String) -> String {
        // Fast path for the common case: ASCII needs no composition, only ASCII lower-casing.
        if text.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x01 }) {
            guard text.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return text }
            return String(decoding: text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
        }
        // Compose first (so "A" + combining diaeresis lower-cases like "Ä"), lower-case, then
        // compose again: some lower-case mappings produce decomposed sequences.
        let lowered = text.precomposedStringWithCanonicalMapping.lowercased().precomposedStringWithCanonicalMapping
        guard lowered.unicodeScalars.contains(sentinel) else { return lowered }
        var scalars = String.UnicodeScalarView()
        for scalar in lowered.unicodeScalars { scalars.append(scalar == sentinel ? "\u{FFFD}" : scalar) }
        return String(scalars)
    }

    /// A normalized value as the full-text index stores it: followed by two sentinels, so that
    /// every occurrence of a 1- or 2-character string starts some trigram. That lets a short
    /// query find its rows through the index vocabulary (see `ShortQueryPlanner`).
    static func indexed(_ normalized: String) -> String {
        normalized + "\u{1}\u{1}"
    }

    /// The number of characters the trigram tokenizer counts (Unicode scalars).
    static func length(_ normalized: String) -> Int { normalized.unicodeScalars.count }

    /// A phrase for an FTS5 MATCH: the text in double quotes, inner quotes doubled, so that
    /// nothing the operator types is read as query syntax.
    static func ftsPhrase(_ normalized: String) -> String {
        "\"" + normalized.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// The distinct 1- and 2-character substrings ("grams") of a customer's searchable values.
/// Their per-environment counts give the exact total of a 1- or 2-character search without
/// scanning (see `GramCounts`). A gram is packed into an integer: no string allocation per gram.
struct GramSet {
    private(set) var keys: Set<UInt64> = []

    init() {}

    /// The grams of several normalized values. Grams never span two values.
    init(_ values: [String]) {
        for value in values { add(value) }
    }

    mutating func add(_ normalized: String) {
        var previous: UInt32?
        for scalar in normalized.unicodeScalars {
            keys.insert(Self.key(scalar.value))
            if let previous { keys.insert(Self.key(previous, scalar.value)) }
            previous = scalar.value
        }
    }

    /// A unigram is the scalar value (< 2^21); a bigram has bit 42 set, so they never collide.
    static func key(_ a: UInt32) -> UInt64 { UInt64(a) }
    static func key(_ a: UInt32, _ b: UInt32) -> UInt64 { (1 << 42) | (UInt64(a) << 21) | UInt64(b) }

    /// The gram's text, as stored in the counts table.
    static func text(of key: UInt64) -> String {
        var scalars = String.UnicodeScalarView()
        if key >= 1 << 42 {
            scalars.append(Unicode.Scalar(UInt32((key >> 21) & 0x1F_FFFF)) ?? "\u{FFFD}")
            scalars.append(Unicode.Scalar(UInt32(key & 0x1F_FFFF)) ?? "\u{FFFD}")
        } else {
            scalars.append(Unicode.Scalar(UInt32(key)) ?? "\u{FFFD}")
        }
        return String(scalars)
    }
}
