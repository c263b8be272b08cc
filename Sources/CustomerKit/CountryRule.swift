/// `address_country`: empty, or one of the 250 upper-case codes the live server accepts.
public enum CountryRule {
    public static let codes: Set<String> = Set(CountryCodes.all.map(\.code))
    private static let namesByCode: [String: String] = Dictionary(
        uniqueKeysWithValues: CountryCodes.all.map { ($0.code, $0.name) })

    public static func isValid(_ code: String) -> Bool { codes.contains(code) }

    /// The English name for a code, if it is one.
    public static func name(of code: String) -> String? { namesByCode[code] }

    /// Countries for completion as the operator types: an exact code first, then names that
    /// start with the text, then names with a word starting with it, then codes that start
    /// with it. Case-insensitive and accent-insensitive ("cote" finds Côte d'Ivoire).
    public static func suggestions(for text: String, limit: Int = 8) -> [(code: String, name: String)] {
        let query = fold(text.trimmingWhitespace())
        guard !query.isEmpty else { return [] }
        var ranked: [(rank: Int, entry: (code: String, name: String))] = []
        for entry in CountryCodes.all {
            let name = fold(entry.name)
            let code = entry.code.lowercased()
            let rank: Int
            if code == query { rank = 0 }
            else if name.hasPrefix(query) { rank = 1 }
            else if name.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "(" }).contains(where: { $0.hasPrefix(query) }) { rank = 2 }
            else if code.hasPrefix(query) { rank = 3 }
            else { continue }
            ranked.append((rank, entry))
        }
        return ranked.sorted { $0.rank != $1.rank ? $0.rank < $1.rank : $0.entry.name < $1.entry.name }
            .prefix(limit).map(\.entry)
    }

    /// Lower-case with accents dropped from Latin letters, so "cote" matches "Côte d'Ivoire".
    /// A small table instead of Foundation's folding: country names need only these letters.
    private static func fold(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in s.lowercased().unicodeScalars { out.append(latinBase[scalar] ?? scalar) }
        return String(out)
    }

    private static let latinBase: [Unicode.Scalar: Unicode.Scalar] = {
        var map: [Unicode.Scalar: Unicode.Scalar] = [:]
        let groups: [(String, Unicode.Scalar)] = [
            ("àáâãäåā", "a"), ("çć", "c"), ("èéêëē", "e"), ("ìíîïī", "i"), ("ñń", "n"),
            ("òóôõöøō", "o"), ("ùúûüū", "u"), ("ýÿ", "y"), ("ş", "s"),
        ]
        for (accented, base) in groups {
            for scalar in accented.unicodeScalars { map[scalar] = base }
        }
        return map
    }()
}

extension String {
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s.removeFirst() }
        while s.last?.isWhitespace == true { s.removeLast() }
        return String(s)
    }
}
