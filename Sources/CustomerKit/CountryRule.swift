/// `address_country`: empty, or one of the 250 upper-case codes the live server accepts.
public enum CountryRule {
    public static let codes: Set<String> = Set(CountryCodes.all.map(\.code))
    private static let namesByCode: [String: String] = Dictionary(
        uniqueKeysWithValues: CountryCodes.all.map { ($0.code, $0.name) })

    public static func isValid(_ code: String) -> Bool { codes.contains(code) }

    /// The English name for a code, if it is one.
    public static func name(of code: String) -> String? { namesByCode[code] }

    /// One country offered for what the operator typed: its code and name, and the other name
    /// or code it was found by when that is not in the name ("UK", "Holland", "USA"), so the
    /// suggestion always shows what was typed.
    public struct Suggestion: Sendable, Hashable {
        public let code: String
        public let name: String
        public let foundBy: String?
        /// True when taking it needs no choice from the operator: it is what was typed (the code
        /// itself, a three-letter code, a name typed whole, UK for GB), or the only country whose
        /// name starts with the text. Only the first suggestion can be sure; a form takes a
        /// suggestion the operator did not pick only when it is.
        public let isSure: Bool

        /// "GB  United Kingdom (UK)".
        public var label: String { "\(code)  \(name)" + (foundBy.map { " (\($0))" } ?? "") }
    }

    /// Countries for completion as the operator types, best first:
    /// 1. the code itself (a code typed whole is never displaced by a name);
    /// 2. what an unassigned code ("UK", "EL") or an alpha-3 code ("USA") means, or a name typed whole;
    /// 3. everyday names that start with the text ("brit": Britain), then ISO names that do;
    /// 4. names with a word that starts with it.
    /// One or two letters are read as a code only: "ja" offers nothing rather than Jamaica,
    /// since an operator who types two letters means a code. Case-, accent- and
    /// dot-insensitive ("cote" finds Côte d'Ivoire, "u.s." is US).
    public static func suggestions(for text: String, limit: Int = 8) -> [Suggestion] {
        let query = fold(text.trimmingWhitespace())
        guard !query.isEmpty else { return [] }
        let codeOnly = query.count <= 2
        var best: [String: (rank: Int, order: Int, foundBy: String?, sure: Bool)] = [:]
        func offer(_ code: String, rank: Int, order: Int, foundBy: String?, sure: Bool = false) {
            if let known = best[code], (known.rank, known.order) <= (rank, order) { return }
            best[code] = (rank, order, foundBy, sure)
        }
        let upper = query.uppercased()
        if let meant = CountryAliases.unassignedCodes[upper] {
            for (order, code) in meant.codes.enumerated() {
                offer(code, rank: 1, order: order, foundBy: upper, sure: meant.sure && meant.codes.count == 1)
            }
        }
        if let code = CountryAliases.alpha3[upper] { offer(code, rank: 1, order: 0, foundBy: upper, sure: true) }
        // Codes of the countries whose name starts with the text: one alone makes it sure.
        var prefixCodes = Set<String>()
        for (order, alias) in CountryAliases.everydayNames.enumerated() {
            let name = fold(alias.name)
            if name == query { offer(alias.code, rank: 1, order: order, foundBy: alias.name, sure: true) }
            else if codeOnly { continue }
            else if name.hasPrefix(query) {
                prefixCodes.insert(alias.code)
                offer(alias.code, rank: 2, order: order, foundBy: alias.name)
            } else if Self.words(name).contains(where: { $0.hasPrefix(query) }) {
                offer(alias.code, rank: 4, order: order, foundBy: alias.name)
            }
        }
        for (order, entry) in CountryCodes.all.enumerated() {
            let name = fold(entry.name)
            // ISO names rank behind everyday names of the same kind (order offset).
            let late = 1_000 + order
            if entry.code.lowercased() == query { offer(entry.code, rank: 0, order: 0, foundBy: nil, sure: true) }
            else if name == query { offer(entry.code, rank: 1, order: late, foundBy: nil, sure: true) }
            else if codeOnly { continue }
            else if name.hasPrefix(query) {
                prefixCodes.insert(entry.code)
                offer(entry.code, rank: 3, order: late, foundBy: nil)
            } else if Self.words(name).contains(where: { $0.hasPrefix(query) }) {
                offer(entry.code, rank: 4, order: late, foundBy: nil)
            }
        }
        let ranked = best.sorted { a, b in
            (a.value.rank, a.value.order, a.key) < (b.value.rank, b.value.order, b.key)
        }.prefix(limit)
        return ranked.enumerated().map { index, item in
            let (code, found) = item
            let onlyPrefix = prefixCodes == [code] && (found.rank == 2 || found.rank == 3)
            return Suggestion(code: code, name: namesByCode[code] ?? code, foundBy: found.foundBy,
                              isSure: index == 0 && (found.sure || onlyPrefix))
        }
    }

    /// For a value that is not a valid code: what the operator probably meant, said so that
    /// the right code is in the sentence ("UK is not an ISO 3166-1 code: the United Kingdom is
    /// GB"); nil when nothing is known about the text.
    public static func correctionHint(for text: String) -> FieldIssue.Hint? {
        let upper = text.trimmingWhitespace().uppercased()
        if text != text.trimmingWhitespace() {
            return FieldIssue.Hint(long: "remove the spaces around it", short: "remove the spaces")
        }
        if let meant = CountryAliases.unassignedCodes[upper] {
            let short = meant.codes.isEmpty ? "not a country" : "\(upper)? use " + meant.codes.joined(separator: "/")
            return FieldIssue.Hint(long: meant.why, short: short)
        }
        if let code = CountryAliases.alpha3[upper], let name = namesByCode[code] {
            return FieldIssue.Hint(long: "\(upper) is a three-letter code: \(name) is \(code)", short: "use \(code)")
        }
        if let alias = CountryAliases.everydayNames.first(where: { fold($0.name) == fold(upper) }) {
            return FieldIssue.Hint(long: "\(alias.name) is \(alias.code) (\(namesByCode[alias.code] ?? alias.code))",
                                   short: "use \(alias.code)")
        }
        if let entry = CountryCodes.all.first(where: { fold($0.name) == fold(upper) }) {
            return FieldIssue.Hint(long: "\(entry.name) is \(entry.code)", short: "use \(entry.code)")
        }
        return nil
    }

    private static func words(_ name: String) -> [Substring] {
        name.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "(" || $0 == "," })
    }

    /// Lower-case with accents dropped from Latin letters and dots dropped, so "cote" matches
    /// "Côte d'Ivoire" and "U.S." is "us".
    /// A small table instead of Foundation's folding: country names need only these letters.
    private static func fold(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in s.lowercased().unicodeScalars where scalar != "." { out.append(latinBase[scalar] ?? scalar) }
        return String(out)
    }

    private static let latinBase: [Unicode.Scalar: Unicode.Scalar] = {
        var map: [Unicode.Scalar: Unicode.Scalar] = [:]
        let groups: [(String, Unicode.Scalar)] = [
            ("àáâãäåā", "a"), ("çćč", "c"), ("èéêëēě", "e"), ("ìíîïīı", "i"), ("ñńň", "n"),
            ("òóôõöøōő", "o"), ("ùúûüūűů", "u"), ("ýÿ", "y"), ("şšś", "s"), ("žźż", "z"), ("ř", "r"),
            ("ł", "l"), ("ğ", "g"), ("ð", "d"),
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
