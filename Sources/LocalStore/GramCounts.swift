import GRDB

/// Per scope, how many published customers contain each 1- or 2-character gram in their
/// normalized name, email or external id.
///
/// A search for one or two characters cannot use the trigram index, and counting its matches
/// by scanning a million rows takes ~100 ms; this table makes that total one lookup. SQL alone
/// cannot split text into grams, so the store (not a trigger) keeps it in step, inside the same
/// transaction as the customer write. Only this store may write customers for the counts to
/// stay exact.
enum GramCounts {
    /// Adds the row deltas (gram key -> +n or -n) to the scope's counts.
    static func apply(_ deltas: [UInt64: Int64], in scope: StoreScope, _ db: Database) throws {
        guard !deltas.isEmpty else { return }
        let upsert = try db.cachedStatement(sql: """
            INSERT INTO search_gram_counts (scope_no, gram, rows) VALUES (?, ?, ?)
            ON CONFLICT (scope_no, gram) DO UPDATE SET rows = rows + excluded.rows
            """)
        for (key, delta) in deltas where delta != 0 {
            try upsert.execute(arguments: [scope.number, GramSet.text(of: key), delta])
        }
    }

    /// The change between a customer's old and new grams (either may be empty: created,
    /// archived), as deltas for `apply`.
    static func deltas(from old: GramSet, to new: GramSet) -> [UInt64: Int64] {
        var deltas: [UInt64: Int64] = [:]
        for key in new.keys where !old.keys.contains(key) { deltas[key] = 1 }
        for key in old.keys where !new.keys.contains(key) { deltas[key] = -1 }
        return deltas
    }

    /// Published customers of the scope containing `gram` (1 or 2 normalized characters).
    static func rows(containing gram: String, in scope: StoreScope, _ db: Database) throws -> Int {
        let sql = "SELECT rows FROM search_gram_counts WHERE scope_no = ? AND gram = ?"
        return try Int.fetchOne(db.cachedStatement(sql: sql), arguments: [scope.number, gram]) ?? 0
    }
}
