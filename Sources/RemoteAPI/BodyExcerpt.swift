import Foundation

/// A short, single-line, printable excerpt of a body the client cannot read as JSON (an HTML
/// page from a proxy, gin's plain text), fit for an error message in a terminal: tags dropped,
/// whitespace collapsed, control and escape characters removed, cut to a length.
enum BodyExcerpt {
    static let defaultLimit = 120

    static func make(_ body: Data, limit: Int = defaultLimit) -> String {
        // Reading a huge page only to keep 120 characters is wasteful; 8 KB holds any title.
        let text = String(decoding: body.prefix(8192), as: UTF8.self)
        return clean(stripTags(text), limit: limit)
    }

    /// Printable, one line, at most `limit` characters (with "…" when cut).
    static func clean(_ text: String, limit: Int) -> String {
        var out = ""
        var lastWasSpace = true
        for scalar in text.unicodeScalars {
            let isSpace = scalar.properties.isWhitespace
            let isControl = scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
            if isSpace || isControl {
                if !lastWasSpace { out += " " }
                lastWasSpace = true
            } else {
                out.unicodeScalars.append(scalar)
                lastWasSpace = false
            }
        }
        if out.hasSuffix(" ") { out.removeLast() }
        if out.count > limit { out = String(out.prefix(limit - 1)) + "…" }
        return out
    }

    /// Drops `<...>` tags and the contents of `<script>`/`<style>` blocks.
    static func stripTags(_ text: String) -> String {
        var out = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "<") {
            out += rest[..<open]
            guard let close = rest[open...].firstIndex(of: ">") else { return out }
            let tag = rest[rest.index(after: open)..<close].lowercased()
            rest = rest[rest.index(after: close)...]
            for block in ["script", "style"] where tag.hasPrefix(block) {
                if let end = rest.range(of: "</\(block)", options: .caseInsensitive) {
                    rest = rest[end.lowerBound...]
                }
            }
            out += " "
        }
        return out + rest
    }
}
