/// How a field's length limit is counted. The live server counts differently per field:
/// validator `max=` counts runes (Unicode code points), its address re-check counts UTF-8 bytes,
/// and Postgres varchar(n) counts characters (code points again).
public enum LengthUnit: Sendable, Hashable {
    /// UTF-8 bytes: an "é" is 2, a "日" is 3, an emoji 4.
    case utf8Bytes
    /// Unicode code points (Go runes): an "é" typed as one scalar is 1, a flag emoji is 2.
    case codePoints

    public func length(of text: String) -> Int {
        switch self {
        case .utf8Bytes: text.utf8.count
        case .codePoints: text.unicodeScalars.count
        }
    }
}
