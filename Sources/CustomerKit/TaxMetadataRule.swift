/// The tax keys the live server checks inside `metadata` when they are present
/// (contract section 13): `gstin`, `pan` and `hsn_sac`. Values are trimmed, and
/// GSTIN/PAN upper-cased, before checking, as the server does.
public enum TaxMetadataRule {
    public static func check(_ metadata: [String: String]) -> FieldIssue? {
        func issue(_ text: String) -> FieldIssue { FieldIssue(field: .metadata, kind: .invalid(text)) }
        let gstin = metadata["gstin"].map { $0.trimmingWhitespace().uppercased() }
        let pan = metadata["pan"].map { $0.trimmingWhitespace().uppercased() }
        if let gstin, !isGSTIN(gstin) {
            return issue("gstin must be 15 characters, e.g. \"27AAMCM4148E1ZD\"")
        }
        if let pan, !isPAN(pan) {
            return issue("pan must be 5 letters, 4 digits and a letter, e.g. \"AAMCM4148E\"")
        }
        if let gstin, let pan {
            let embedded = String(Array(gstin)[2..<12])
            if embedded != pan { return issue("pan must match characters 3 to 12 of gstin") }
        }
        if let hsn = metadata["hsn_sac"].map({ $0.trimmingWhitespace() }) {
            if ![4, 6, 8].contains(hsn.count) || !hsn.allSatisfy({ $0.isASCII && $0.isNumber }) {
                return issue("hsn_sac must be 4, 6 or 8 digits")
            }
        }
        return nil
    }

    /// NNAAAAANNNNAXZX: N digit, A letter, X letter or digit, Z the letter Z.
    static func isGSTIN(_ s: String) -> Bool {
        let pattern = Array("NNAAAAANNNNAXZX")
        let chars = Array(s)
        guard chars.count == 15 else { return false }
        for (c, p) in zip(chars, pattern) where !matches(c, p) { return false }
        return true
    }

    static func isPAN(_ s: String) -> Bool {
        let chars = Array(s)
        guard chars.count == 10 else { return false }
        for (c, p) in zip(chars, Array("AAAAANNNNA")) where !matches(c, p) { return false }
        return true
    }

    private static func matches(_ c: Character, _ p: Character) -> Bool {
        let letter = c.isASCII && c.isLetter && c.isUppercase
        let digit = c.isASCII && c.isNumber
        switch p {
        case "N": return digit
        case "A": return letter
        case "X": return letter || digit
        default: return c == p
        }
    }
}
