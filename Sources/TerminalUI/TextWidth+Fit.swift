extension TextWidth {
    /// The text cut to at most `cells` cells, ending in "…" when something was cut.
    /// Never splits a wide character.
    public static func truncate(_ text: String, to cells: Int) -> String {
        guard cells > 0 else { return "" }
        if self.cells(text) <= cells { return text }
        var out = ""
        var used = 0
        for character in text {
            let width = self.cells(character)
            if used + width > cells - 1 { break }
            out.append(character)
            used += width
        }
        return out + "…"
    }

    /// The text followed by spaces up to `cells` cells (unchanged when already as wide).
    public static func pad(_ text: String, to cells: Int) -> String {
        let missing = cells - self.cells(text)
        return missing > 0 ? text + String(repeating: " ", count: missing) : text
    }
}
