/// The live server's email rule (validator v10.30.2 `email`), which is two checks that must
/// both pass (contract section 13): Go's `net/mail.ParseAddress` and the library's regex on
/// the whole string. Together they accept exactly a bare addr-spec:
/// - local part: dot-separated atoms of letters, digits, ``!#$%&'*+-/=?^_`{|}~`` and the
///   Unicode ranges U+00A0–U+D7FF, U+F900–U+FDCF, U+FDF0–U+FFEF; or a quoted string;
/// - `@`, then at least two dot-separated labels, each starting and ending with a letter,
///   digit or such Unicode (inner `-` and `~` allowed); the last label must start and end
///   with a letter (or such Unicode), so no digits-only TLD; an optional trailing dot.
/// No display names, comments, spaces, IP literals or single-label hosts (`a@localhost`).
/// Written as a scanner rather than a regex: it runs on every keystroke of the email field.
public enum EmailRule {
    public static func isValid(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard let at = scalars.lastIndex(of: "@"), at > 0, at < scalars.count - 1 else { return false }
        return isValidLocal(scalars[..<at]) && isValidDomain(scalars[(at + 1)...])
    }

    static func isWideLetter(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return (0xA0...0xD7FF).contains(v) || (0xF900...0xFDCF).contains(v) || (0xFDF0...0xFFEF).contains(v)
    }

    static func isASCIILetter(_ s: Unicode.Scalar) -> Bool {
        (s >= "a" && s <= "z") || (s >= "A" && s <= "Z")
    }

    static func isDigit(_ s: Unicode.Scalar) -> Bool { s >= "0" && s <= "9" }

    private static let atomSpecials = Set("!#$%&'*+-/=?^_`{|}~".unicodeScalars)

    private static func isAtext(_ s: Unicode.Scalar) -> Bool {
        isASCIILetter(s) || isDigit(s) || atomSpecials.contains(s) || isWideLetter(s)
    }

    private static func isValidLocal(_ local: ArraySlice<Unicode.Scalar>) -> Bool {
        if local.first == "\"" { return isValidQuoted(local) }
        // dot-atom: no empty atoms (no leading, trailing or doubled dots)
        var atomLength = 0
        for s in local {
            if s == "." {
                if atomLength == 0 { return false }
                atomLength = 0
            } else if isAtext(s) {
                atomLength += 1
            } else {
                return false
            }
        }
        return atomLength > 0
    }

    /// A quoted local part: printable ASCII except `"` and `\`, space, tab, allowed Unicode,
    /// or a backslash followed by a printable ASCII character. Go rejects control characters.
    private static func isValidQuoted(_ local: ArraySlice<Unicode.Scalar>) -> Bool {
        guard local.count >= 2, local.last == "\"" else { return false }
        let inner = Array(local.dropFirst().dropLast())
        var i = 0
        while i < inner.count {
            let s = inner[i]
            if s == "\\" {
                guard i + 1 < inner.count, (0x20...0x7E).contains(inner[i + 1].value) else { return false }
                i += 2
                continue
            }
            let v = s.value
            let ok = v == 0x20 || v == 0x09 || ((0x21...0x7E).contains(v) && s != "\"") || isWideLetter(s)
            if !ok { return false }
            i += 1
        }
        return true
    }

    private static func isValidDomain(_ domain: ArraySlice<Unicode.Scalar>) -> Bool {
        var scalars = Array(domain)
        if scalars.last == "." { scalars.removeLast() }
        let labels = scalars.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        for (index, label) in labels.enumerated() {
            guard let first = label.first, let last = label.last else { return false }
            let isLast = index == labels.count - 1
            func edgeOK(_ s: Unicode.Scalar) -> Bool {
                isASCIILetter(s) || isWideLetter(s) || (!isLast && isDigit(s))
            }
            guard edgeOK(first), edgeOK(last) else { return false }
            for s in label where !(isASCIILetter(s) || isDigit(s) || isWideLetter(s) || s == "-" || s == "~") {
                return false
            }
        }
        return true
    }
}
