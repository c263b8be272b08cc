import GRDB

/// Chooses each new customer's `seq` so that, within a scope, ascending `seq` is ascending
/// (created_at, id): the list order. Then a page in list order is a walk down the rowid, and
/// the full-text index (keyed by the same rowid) can return matches newest first and stop
/// after one page, instead of sorting every match by date.
///
/// Positions are sparse: a new customer normally lands `gap` above the newest one. A customer
/// that sorts earlier than the newest (a clock that went back, a concurrent process, a test
/// clock) lands half-way between its neighbours; when a gap is used up, the scope is renumbered
/// (rare: it takes about 20 inserts into the same gap).
enum ListPosition {
    static let gap: Int64 = 1 << 20
    /// Where the first customer of a scope goes: the middle, leaving room on both sides.
    static let firstOffset: Int64 = 1 << (StoreSchema.positionBits - 1)

    /// The sort key of a customer in list order (ascending; lists show it descending).
    struct Key: Comparable {
        let createdAt: Int64
        let id: String
        static func < (a: Key, b: Key) -> Bool {
            a.createdAt != b.createdAt ? a.createdAt < b.createdAt : a.id < b.id
        }
    }

    /// The newest customer of the scope (highest seq), if any.
    static func newest(in scope: StoreScope, _ db: Database) throws -> (seq: Int64, key: Key)? {
        let sql = "SELECT seq, created_at, id FROM customers WHERE seq BETWEEN ? AND ? ORDER BY seq DESC LIMIT 1"
        guard let row = try Row.fetchOne(db.cachedStatement(sql: sql),
                                         arguments: [scope.seqRange.lowerBound, scope.seqRange.upperBound])
        else { return nil }
        return (row[0], Key(createdAt: row[1], id: row[2]))
    }

    /// A free seq for a customer with `key`, renumbering the scope first if there is no room.
    static func allocate(_ key: Key, in scope: StoreScope, _ db: Database) throws -> Int64 {
        if let seq = try findRoom(key, in: scope, db) { return seq }
        try renumber(scope, db)
        guard let seq = try findRoom(key, in: scope, db) else {
            throw DatabaseError(resultCode: .SQLITE_FULL, message: "no list position left in this environment")
        }
        return seq
    }

    private static func findRoom(_ key: Key, in scope: StoreScope, _ db: Database) throws -> Int64? {
        let range = scope.seqRange
        guard let top = try newest(in: scope, db) else { return range.lowerBound + firstOffset }
        if top.key < key {
            let (seq, overflow) = top.seq.addingReportingOverflow(gap)
            return !overflow && seq <= range.upperBound ? seq : nil
        }
        // Walk down from the newest until a customer that sorts before the new one. The walk is
        // as long as the number of customers newer than the new one: short unless a clock is off.
        let sql = "SELECT seq, created_at, id FROM customers WHERE seq BETWEEN ? AND ? ORDER BY seq DESC"
        var successor = top.seq
        let rows = try Row.fetchCursor(db, sql: sql, arguments: [range.lowerBound, top.seq - 1])
        while let row = try rows.next() {
            let seq: Int64 = row[0]
            if Key(createdAt: row[1], id: row[2]) < key {
                let middle = seq + (successor - seq) / 2
                return middle > seq ? middle : nil
            }
            successor = seq
        }
        let seq = successor - gap
        return seq >= range.lowerBound ? seq : nil
    }

    /// Spreads the scope's customers out evenly again, keeping their order. Moves rows through
    /// negative seqs first so that no new seq collides with an old one.
    static func renumber(_ scope: StoreScope, _ db: Database) throws {
        let range = scope.seqRange
        let old = try Int64.fetchAll(db, sql: "SELECT seq FROM customers WHERE seq BETWEEN ? AND ? ORDER BY seq",
                                     arguments: [range.lowerBound, range.upperBound])
        try db.execute(sql: "UPDATE customers SET seq = -seq WHERE seq BETWEEN ? AND ?",
                       arguments: [range.lowerBound, range.upperBound])
        let start = range.lowerBound + firstOffset - Int64(old.count / 2) * gap
        let move = try db.cachedStatement(sql: "UPDATE customers SET seq = ? WHERE seq = ?")
        for (index, seq) in old.enumerated() {
            try move.execute(arguments: [start + Int64(index) * gap, -seq])
        }
    }
}
