/// Makes untrusted text (customer names, server error messages, pasted data) safe to show.
///
/// A terminal acts on control characters, and bidi overrides or zero-width characters make
/// text look like something it is not (a reversed email address, two "identical" names). So
/// instead of being passed through or silently dropped, they are shown *visibly escaped*:
/// C0 controls in caret notation (ESC -> "^[", NUL -> "^@", DEL -> "^?"), everything else as
/// "<U+XXXX>" (C1 controls, bidi controls, zero-width and other format characters, line and
/// paragraph separators). Joiners stay where they do real work: ZWJ inside emoji sequences,
/// ZWJ/ZWNJ after a non-Latin letter (Persian, Indic scripts), tag characters in emoji flags.
/// A combining mark with nothing to combine with is shown on a dotted circle (U+25CC) so it
/// takes a cell of its own instead of decorating the neighbouring cell, and a pile of more than
/// `maxMarksPerCharacter` combining marks ("zalgo" text) is cut so it cannot spill over rows.
public enum SafeText {
    public static let maxMarksPerCharacter = 4

    /// The text with every hostile character replaced by its visible escape.
    public static func visible(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            if let replacement = replacement(for: character) {
                out += replacement
            } else {
                out.append(character)
            }
        }
        return out
    }

    /// True if `visible` would change this character.
    public static func needsEscape(_ character: Character) -> Bool {
        replacement(for: character) != nil
    }

    /// What to show instead of `character`, or nil when it is safe as it is (the common case,
    /// checked without allocating).
    static func replacement(for character: Character) -> String? {
        let scalars = character.unicodeScalars
        if scalars.count == 1, let only = scalars.first, only.value >= 0x20, only.value < 0x7F {
            return nil
        }
        guard let base = scalars.first else { return nil }
        var hostile = false
        var marks = 0
        for (offset, scalar) in scalars.enumerated() {
            if isHostile(scalar, offset: offset, base: base) { hostile = true; break }
            if isMark(scalar) { marks += 1 }
        }
        if !hostile && marks <= maxMarksPerCharacter {
            return TextWidth.rawCells(character) == 0 ? "\u{25CC}" + String(character) : nil
        }
        var out = ""
        var kept = 0
        for (offset, scalar) in scalars.enumerated() {
            if isHostile(scalar, offset: offset, base: base) {
                out += escape(scalar)
            } else if isMark(scalar) {
                kept += 1
                if kept <= maxMarksPerCharacter { out.unicodeScalars.append(scalar) }
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        // Escaping the base can leave a combining mark at the front of a new grapheme.
        if let first = out.first, TextWidth.rawCells(first) == 0 {
            out = "\u{25CC}" + out
        }
        return out
    }

    static func escape(_ scalar: Unicode.Scalar) -> String {
        let value = scalar.value
        if value < 0x20 { return "^" + String(Character(Unicode.Scalar(UInt8(value + 0x40)))) }
        if value == 0x7F { return "^?" }
        let hex = String(value, radix: 16, uppercase: true)
        return "<U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + ">"
    }

    static func isHostile(_ scalar: Unicode.Scalar, offset: Int, base: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x20 || (0x7F...0x9F).contains(value) { return true }
        if value == 0x2028 || value == 0x2029 { return true }
        guard scalar.properties.generalCategory == .format else {
            // Unassigned or otherwise unprintable for the C library (and so for ncurses).
            return TextWidth.scalarCells(scalar) < 0
        }
        guard offset > 0 else { return true }
        switch value {
        case 0x200D:
            return !(isEmojiBase(base) || isNonLatinLetter(base))
        case 0x200C:
            return !isNonLatinLetter(base)
        case 0xE0020...0xE007F:
            return base.value != 0x1F3F4  // tag sequences only exist for the black flag
        default:
            return true
        }
    }

    private static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark: true
        default: false
        }
    }

    private static func isEmojiBase(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value > 0xFF && scalar.properties.isEmoji
    }

    private static func isNonLatinLetter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x370 && scalar.properties.isAlphabetic
    }
}
