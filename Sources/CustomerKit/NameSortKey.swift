import Foundation

/// The order names sort in, as an operator reads an alphabetical list: case and accents do not
/// count (Ångström with the A's, émile beside Emile, Łukasz with the L's), nor do leading and
/// trailing spaces; ties go by the exact text (the store's second key). Scripts without Latin
/// letters sort after them, by code point. The embedded store keeps this key in a column of its
/// own (`sort_name`); the remote client merges a search's sub-queries by it.
public enum NameSortKey {
    /// Letters that have no decomposition but read as Latin letters in alphabetical order.
    private static let letters: [Unicode.Scalar: String] = [
        "ø": "o", "ł": "l", "đ": "d", "ð": "d", "ħ": "h", "ı": "i", "ŧ": "t", "ß": "ss", "æ": "ae",
        "œ": "oe", "þ": "th",
    ]

    public static func of(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        // Fast path: ASCII needs only lower-casing.
        if trimmed.utf8.allSatisfy({ $0 < 0x80 }) {
            return String(decoding: trimmed.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
        }
        var out = String.UnicodeScalarView()
        for scalar in trimmed.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            // The accents a decomposition splits off (combining marks) do not count.
            if scalar.properties.generalCategory == .nonspacingMark { continue }
            if let plain = letters[scalar] { out.append(contentsOf: plain.unicodeScalars) } else { out.append(scalar) }
        }
        return String(out).precomposedStringWithCanonicalMapping
    }
}
