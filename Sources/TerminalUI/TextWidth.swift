import CNcursesw  // only for cn_wcwidth: the C library's wcwidth
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How many terminal cells text takes: wide East Asian characters and emoji take 2,
/// combining and zero-width characters 0, everything else 1.
///
/// Widths come from the C library's `wcwidth` evaluated in a private "C.UTF-8" locale that is
/// switched on only for the calling thread and only for the call, so the answer does not depend
/// on the process locale (which may be "C" before `setlocale`, or in tests). ncurses itself uses
/// `wcwidth`, so layout computed here agrees with where ncurses puts the cursor. On top of
/// `wcwidth`, whole grapheme clusters are measured: flags (two regional indicators), emoji
/// presentation (U+FE0F), skin tones and ZWJ sequences are 2 cells.
public enum TextWidth {
    /// Cells `Canvas.draw` uses for the string (after `SafeText` escaping), without clipping.
    public static func cells(_ text: String) -> Int {
        var total = 0
        for character in text { total += cells(character) }
        return total
    }

    /// Cells `Canvas.draw` uses for one grapheme (after `SafeText` escaping).
    public static func cells(_ character: Character) -> Int {
        if let byte = character.asciiValue, character.utf8.count == 1, byte >= 0x20, byte < 0x7F {
            return 1
        }
        guard let escaped = SafeText.replacement(for: character) else { return rawCells(character) }
        var total = 0
        for piece in escaped { total += rawCells(piece) }
        return total
    }

    /// Width of a grapheme as the terminal shows it, assuming it is already safe to show.
    static func rawCells(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let base = scalars.first else { return 0 }
        if base.isASCII && scalars.count == 1 { return base.value >= 0x20 && base.value < 0x7F ? 1 : 0 }
        let baseWidth = max(0, scalarCells(base))
        if isRegionalIndicator(base) {
            // A flag is a pair of regional indicators; wcwidth only sees halves of width 1.
            return scalars.filter(isRegionalIndicator).count >= 2 ? 2 : max(1, baseWidth)
        }
        guard baseWidth < 2, scalars.count > 1 else { return baseWidth }
        let properties = base.properties
        for scalar in scalars.dropFirst() {
            // VS16 asks for emoji presentation; a skin tone modifier makes an emoji too.
            if scalar.value == 0xFE0F && properties.isEmoji { return 2 }
            if scalar.properties.isEmojiModifier && properties.isEmojiModifierBase { return 2 }
        }
        return baseWidth
    }

    /// `wcwidth` of one scalar in C.UTF-8: -1 for controls, 0 for combining/zero-width.
    static func scalarCells(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x7F { return value >= 0x20 ? 1 : -1 }
        if let locale = UTF8Locale.shared.handle {
            let previous = uselocale(locale)
            defer { uselocale(previous) }
            return Int(cn_wcwidth(value))
        }
        return FallbackWidthTable.cells(scalar)
    }

    static func isRegionalIndicator(_ scalar: Unicode.Scalar) -> Bool {
        (0x1F1E6...0x1F1FF).contains(scalar.value)
    }
}

/// The process-wide C.UTF-8 locale object, created once (Swift globals initialise thread-safely).
final class UTF8Locale: @unchecked Sendable {
    // @unchecked: `handle` is written once in init and only read afterwards.
    static let shared = UTF8Locale()
    let handle: locale_t?

    private init() {
        let mask = cn_lc_ctype_mask()
        handle = newlocale(mask, "C.UTF-8", nil) ?? newlocale(mask, "en_US.UTF-8", nil)
    }
}

/// Used only when no UTF-8 locale exists on the machine: the main wide ranges and
/// the zero-width categories. Coarser than glibc, but it keeps wide text aligned.
enum FallbackWidthTable {
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0...0x23F0,
        0x23F3...0x23F3, 0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F...0x267F,
        0x2693...0x2693, 0x26A1...0x26A1, 0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5,
        0x26CE...0x26CE, 0x26D4...0x26D4, 0x26EA...0x26EA, 0x26F2...0x26F5, 0x26FA...0x26FA,
        0x26FD...0x26FD, 0x2705...0x2705, 0x270A...0x270B, 0x2728...0x2728, 0x274C...0x274C,
        0x2753...0x2755, 0x2757...0x2757, 0x2795...0x2797, 0x27B0...0x27B0, 0x27BF...0x27BF,
        0x2B1B...0x2B1C, 0x2B50...0x2B50, 0x2B55...0x2B55, 0x2E80...0x303E, 0x3041...0x33FF,
        0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3,
        0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
        0x16FE0...0x18CFF, 0x1B000...0x1B2FF, 0x1F004...0x1F004, 0x1F0CF...0x1F0CF,
        0x1F18E...0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F251, 0x1F300...0x1F64F,
        0x1F680...0x1F6FF, 0x1F7E0...0x1F7EB, 0x1F90C...0x1F9FF, 0x1FA70...0x1FAFF,
        0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]

    static func cells(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x20 || (0x7F...0x9F).contains(value) { return -1 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if (0x1160...0x11FF).contains(value) { return 0 }  // Hangul medial vowels and finals
        for range in wideRanges where range.contains(value) { return 2 }
        return 1
    }
}
