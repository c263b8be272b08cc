/// `a AND b AND c ...` written as a balanced tree: `((a AND b) AND (c AND d))`.
///
/// SQLite parses a plain chain of N `AND`s into a tree N deep and refuses any expression deeper
/// than 1,000 ("Expression tree is too large"), so a search with about 1,000 conditions failed
/// inside the API's advertised limits. A balanced tree is log2(N) deep: 20,000 terms are 15
/// levels. The terms keep their order, so their `?` arguments stay in the same order.
enum SQLConjunction {
    static func balanced(_ terms: [String]) -> String {
        guard !terms.isEmpty else { return "1" }
        return join(terms[...])
    }

    private static func join(_ terms: ArraySlice<String>) -> String {
        if terms.count == 1 { return terms[terms.startIndex] }
        if terms.count == 2 { return "\(terms[terms.startIndex]) AND \(terms[terms.startIndex + 1])" }
        let middle = terms.startIndex + terms.count / 2
        return "(\(join(terms[..<middle]))) AND (\(join(terms[middle...])))"
    }
}
