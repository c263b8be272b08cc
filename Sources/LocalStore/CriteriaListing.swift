import CustomerKit
import GRDB

/// Answers `find(criteria)`: one page in the criteria's order and the exact number of matches,
/// inside one read transaction.
///
/// Routes, cheapest first:
/// - no conditions left: the total from `customer_counts`, the page from the status index
///   (either direction) or the order's index (v2);
/// - one metadata pair alone: counted on its own index (`customer_metadata`), and paged there
///   in the default order;
/// - only `contains` on name, email or external id (3+ characters, published customers): the
///   trigram index with column filters counts and pages without reading customer rows;
/// - anything else: plain SQL over the environment's rows of that status, with those trigram
///   matches as a rowid set. Conditions on other columns test each row of the status (about
///   0.3 µs a row, more for a case-insensitive `contains` on a column without a folded copy),
///   and so does a sort on a column other than `created_at`.
struct CriteriaListing {
    let scope: StoreScope

    func page(_ criteria: CustomerCriteria, _ db: Database) throws -> CustomerPage {
        let empty = CustomerPage(items: [], total: 0, limit: criteria.limit, offset: criteria.offset)
        guard let plan = CriteriaPlan(criteria, scope: scope) else { return empty }
        let records: [CustomerRecord]
        let total: Int
        if let pair = plan.soleMetadataPair {
            total = try pairCount(pair, plan, db)
            records = total == 0 ? [] : plan.order == nil ? try pairPage(pair, plan, db) : try sqlPage(plan, db)
        } else if plan.sql.isEmpty && plan.match == nil {
            // Only an order: the total is the status's, the page an index walk.
            let count = "SELECT rows FROM customer_counts WHERE scope_no = ? AND status = ?"
            total = try Int.fetchOne(db.cachedStatement(sql: count),
                                     arguments: [scope.number, criteria.status.rawValue]) ?? 0
            records = total == 0 ? [] : try sqlPage(plan, db)
        } else if plan.sql.isEmpty && plan.order == nil, let match = plan.match {
            total = try ftsCount(match, db)
            records = total == 0 ? [] : try ftsPage(match, plan, db)
        } else {
            total = try sqlCount(plan, db)
            records = total == 0 ? [] : try sqlPage(plan, db)
        }
        return CustomerPage(items: records.map { $0.customer(in: scope) }, total: total,
                            limit: criteria.limit, offset: criteria.offset)
    }

    // MARK: - Plain SQL

    /// The conditions as one balanced conjunction (see `SQLConjunction`): a search may have
    /// thousands of them.
    private func whereClause(_ plan: CriteriaPlan) -> (String, StatementArguments) {
        var terms = ["scope_no = ?", "status = ?"]
        var arguments: StatementArguments = [scope.number, plan.status]
        if let match = plan.match {
            terms.append("seq IN (SELECT rowid FROM customer_search WHERE customer_search MATCH ? AND rowid BETWEEN ? AND ?)")
            arguments += [match, scope.seqRange.lowerBound, scope.seqRange.upperBound]
        }
        for (condition, values) in zip(plan.sql, plan.arguments) {
            terms.append(condition)
            arguments += StatementArguments(values)
        }
        return (SQLConjunction.balanced(terms), arguments)
    }

    private func sqlCount(_ plan: CriteriaPlan, _ db: Database) throws -> Int {
        let (condition, arguments) = whereClause(plan)
        return try Int.fetchOne(statement("SELECT count(*) FROM customers WHERE \(condition)", plan, db),
                                arguments: arguments) ?? 0
    }

    private func sqlPage(_ plan: CriteriaPlan, _ db: Database) throws -> [CustomerRecord] {
        let (condition, arguments) = whereClause(plan)
        let order = (plan.order.map { $0 + ", " } ?? "") + "seq " + plan.seqDirection
        let sql = "SELECT \(CustomerRecord.columns) FROM customers WHERE \(condition) ORDER BY \(order) LIMIT ? OFFSET ?"
        return try Row.fetchAll(statement(sql, plan, db), arguments: arguments + [plan.limit, plan.offset])
            .map(CustomerRecord.init(row:))
    }

    /// GRDB's statement cache keeps every statement for the life of the connection, and a
    /// client chooses the shape of a search (which columns, how many values in a list, which
    /// sort keys): cached, those shapes would grow the server's memory without bound. Only the
    /// few fixed shapes (no conditions left, default order) are cached; preparing the others
    /// costs tens of microseconds against queries that read rows.
    private func statement(_ sql: String, _ plan: CriteriaPlan, _ db: Database) throws -> Statement {
        plan.sql.isEmpty && plan.order == nil ? try db.cachedStatement(sql: sql) : try db.makeStatement(sql: sql)
    }

    // MARK: - One metadata pair alone

    /// `customer_metadata` holds (key, value, status, seq) in that order, so the pair's rows of
    /// one status and scope are one index range: counted and paged without reading customers.
    private func pairCount(_ pair: (key: String, value: String), _ plan: CriteriaPlan, _ db: Database) throws -> Int {
        let sql = "SELECT count(*) FROM customer_metadata WHERE key = ? AND value = ? AND status = ? AND seq BETWEEN ? AND ?"
        return try Int.fetchOne(db.cachedStatement(sql: sql), arguments: [
            pair.key, pair.value, plan.status, scope.seqRange.lowerBound, scope.seqRange.upperBound,
        ]) ?? 0
    }

    private func pairPage(_ pair: (key: String, value: String), _ plan: CriteriaPlan, _ db: Database) throws -> [CustomerRecord] {
        let sql = """
            SELECT \(CustomerRecord.columns) FROM customers WHERE seq IN (
                SELECT seq FROM customer_metadata WHERE key = ? AND value = ? AND status = ? AND seq BETWEEN ? AND ?
                ORDER BY seq \(plan.seqDirection) LIMIT ? OFFSET ?)
            ORDER BY seq \(plan.seqDirection)
            """
        return try Row.fetchAll(db.cachedStatement(sql: sql), arguments: [
            pair.key, pair.value, plan.status, scope.seqRange.lowerBound, scope.seqRange.upperBound, plan.limit, plan.offset,
        ]).map(CustomerRecord.init(row:))
    }

    // MARK: - Trigram index alone

    private func ftsCount(_ match: String, _ db: Database) throws -> Int {
        let sql = "SELECT count(*) FROM customer_search WHERE customer_search MATCH ? AND rowid BETWEEN ? AND ?"
        return try Int.fetchOne(db.cachedStatement(sql: sql),
                                arguments: [match, scope.seqRange.lowerBound, scope.seqRange.upperBound]) ?? 0
    }

    private func ftsPage(_ match: String, _ plan: CriteriaPlan, _ db: Database) throws -> [CustomerRecord] {
        let sql = """
            SELECT rowid FROM customer_search WHERE customer_search MATCH ? AND rowid BETWEEN ? AND ?
            ORDER BY rowid \(plan.seqDirection) LIMIT ? OFFSET ?
            """
        let seqs = try Int64.fetchAll(db.cachedStatement(sql: sql), arguments: [
            match, scope.seqRange.lowerBound, scope.seqRange.upperBound, plan.limit, plan.offset,
        ])
        guard !seqs.isEmpty else { return [] }
        let marks = Array(repeating: "?", count: seqs.count).joined(separator: ",")
        let rows = try Row.fetchAll(db, sql: "SELECT \(CustomerRecord.columns) FROM customers WHERE seq IN (\(marks))",
                                    arguments: StatementArguments(seqs))
        let bySeq = Dictionary(uniqueKeysWithValues: rows.map { row in
            let record = CustomerRecord(row: row)
            return (record.seq, record)
        })
        return seqs.compactMap { bySeq[$0] }
    }
}

/// The SQL pieces for one `CustomerCriteria`, or nil when nothing can match.
struct CriteriaPlan {
    let status: String
    /// An FTS5 query over the trigram index (column filters joined with AND), if any.
    private(set) var match: String?
    /// One SQL condition per remaining criterion, with its arguments.
    private(set) var sql: [String] = []
    private(set) var arguments: [[DatabaseValue]] = []
    /// ORDER BY terms before the final `seq` key; nil for the default order.
    private(set) var order: String?
    /// When the only condition left is one metadata pair: its own index answers it.
    private(set) var soleMetadataPair: (key: String, value: String)?
    /// `seq` sorts as (created_at, id): the direction of the final key.
    private(set) var seqDirection: String
    let limit: Int
    let offset: Int

    /// Columns with a folded (lower-cased, NFC) copy, used for `contains` and sorting.
    /// (The free-text search's fields: `search_<field>` in `customers`.)
    private static let folded: [CustomerCriteria.Column: String] = Dictionary(uniqueKeysWithValues:
        FieldCatalogue.fields(in: .textSearch).map { (.field($0), "search_" + $0.rawValue) })
    /// Trigram index columns (in `customer_search`) for the same fields, by their own names.
    private static let indexed: [CustomerCriteria.Column: String] = Dictionary(uniqueKeysWithValues:
        FieldCatalogue.fields(in: .textSearch).map { (.field($0), $0.rawValue) })

    init?(_ criteria: CustomerCriteria, scope: StoreScope) {
        status = criteria.status.rawValue
        limit = criteria.limit
        offset = criteria.offset
        seqDirection = criteria.newestFirst ? "DESC" : "ASC"
        if status.utf8.contains(0) { return nil }
        let published = criteria.status == .published
        var phrases: [String] = []
        // Conditions are ANDed: a repeated one changes nothing, and is not compiled again.
        var seen = Set<CustomerCriteria.Condition>()
        var pairs: [(key: String, value: String)] = []
        for condition in criteria.conditions where seen.insert(condition).inserted {
            if case .searchText(let text) = condition {
                let needle = SearchText.normalize(SearchPlan.trimmed(text))
                if SearchText.length(needle) > SearchPlan.longestSearch { return nil }
                // Published customers are in the trigram index, whose columns are the searched ones.
                if published, SearchText.length(needle) >= 3, !needle.utf8.contains(0) {
                    phrases.append(SearchText.ftsPhrase(needle))
                    continue
                }
            }
            if case .metadataContains(let map) = condition { pairs += map.map { (key: $0.key, value: $0.value) } }
            // Tenant and environment are the scope's: known here, not stored per row.
            if let constant = Self.constant(condition.column, scope) {
                guard Self.holds(condition, for: constant) else { return nil }
                continue
            }
            if published, case .contains(let column, let text) = condition, let index = Self.indexed[column],
               !text.utf8.contains(0) {
                let needle = SearchText.normalize(text)
                if SearchText.length(needle) > SearchPlan.longestSearch { return nil }
                if SearchText.length(needle) >= 3 {
                    phrases.append("{\(index)} : " + SearchText.ftsPhrase(needle))
                    continue
                }
            }
            switch Self.condition(condition) {
            case .nothing: return nil
            case .everything: continue
            case .sql(let text, let values):
                sql.append(text)
                arguments.append(values)
            }
        }
        match = phrases.isEmpty ? nil : phrases.joined(separator: " AND ")
        if match == nil, sql.count == 1, pairs.count == 1, !pairs[0].key.utf8.contains(0), !pairs[0].value.utf8.contains(0) {
            soleMetadataPair = pairs[0]
        }
        var terms: [String] = []
        // A later key on a column already sorted on cannot change the order: dropped, so that
        // a long sort list stays within SQLite's 2,000 ORDER BY terms (each text key is two).
        var sorted = Set<CustomerCriteria.Column>()
        for key in criteria.sort where sorted.insert(key.column).inserted {
            let direction = key.ascending ? "ASC" : "DESC"
            if key.column == .createdAt {
                // (created_at, id) is seq's order: the final key, and nothing after it matters.
                seqDirection = direction
                break
            }
            if Self.constant(key.column, scope) != nil { continue }
            let expression = Self.expression(key.column)
            if key.column.kind == .text {
                // Case-insensitive first (names accent-insensitive too: `sort_name`), then the
                // exact text, so that equal-looking values stay together.
                let folded = key.column == .field(.name) ? "sort_name" : Self.folded[key.column] ?? "customer_fold(\(expression))"
                terms.append("\(folded) \(direction)")
            }
            terms.append("\(expression) \(direction)")
        }
        order = terms.isEmpty ? nil : terms.joined(separator: ", ")
    }

    private enum Compiled {
        case nothing, everything
        case sql(String, [DatabaseValue])
    }

    /// The value of tenant_id and environment_id for every row of the scope.
    private static func constant(_ column: CustomerCriteria.Column, _ scope: StoreScope) -> String? {
        switch column {
        case .tenantID: scope.tenantID
        case .environmentID: scope.environmentID
        default: nil
        }
    }

    /// A condition on a column whose value is known.
    private static func holds(_ condition: CustomerCriteria.Condition, for value: String) -> Bool {
        func text(_ operand: CustomerCriteria.Operand) -> String? {
            if case .text(let t) = operand { return t }
            return nil
        }
        switch condition {
        case .equals(_, let operand): return text(operand) == value
        case .isIn(_, let operands): return operands.contains { text($0) == value }
        case .notIn(_, let operands): return !operands.contains { text($0) == value }
        case .contains(_, let needle): return SearchText.normalize(value).contains(SearchText.normalize(needle))
        case .notContains(_, let needle): return !SearchText.normalize(value).contains(SearchText.normalize(needle))
        case .before, .after, .metadataContains, .searchText: return false
        }
    }

    /// The SQL for a column's value: never NULL, so that comparisons behave as on `""`.
    private static func expression(_ column: CustomerCriteria.Column) -> String {
        if case .field(let field) = column, FieldCatalogue[field].columnIsNullable {
            return "coalesce(\(column.rawValue), '')"
        }
        return column.rawValue
    }

    private static func value(_ operand: CustomerCriteria.Operand) -> DatabaseValue? {
        switch operand {
        case .text(let text):
            // SQLite binding stops at NUL, and no stored text holds one: such text matches nothing.
            text.utf8.contains(0) ? nil : text.databaseValue
        case .instant(let date):
            CustomerRecord.micros(date).databaseValue
        }
    }

    private static func condition(_ condition: CustomerCriteria.Condition) -> Compiled {
        let column = condition.column
        let expression = expression(column)
        switch condition {
        case .equals(_, let operand):
            guard let value = value(operand) else { return .nothing }
            return .sql("\(expression) = ?", [value])
        case .isIn(_, let operands):
            let values = operands.compactMap(value)
            if values.isEmpty { return .nothing }
            return .sql("\(expression) IN (\(marks(values.count)))", values)
        case .notIn(_, let operands):
            let values = operands.compactMap(value)
            if values.isEmpty { return .everything }
            return .sql("\(expression) NOT IN (\(marks(values.count)))", values)
        case .contains(_, let needle), .notContains(_, let needle):
            let negated: Bool
            if case .notContains = condition { negated = true } else { negated = false }
            let folded = SearchText.normalize(needle)
            if folded.isEmpty { return negated ? .nothing : .everything }
            if needle.utf8.contains(0) { return negated ? .everything : .nothing }
            let haystack = Self.folded[column] ?? "customer_fold(\(expression))"
            return .sql("instr(\(haystack), ?) \(negated ? "=" : ">") 0", [folded.databaseValue])
        case .before(_, let date):
            return .sql("\(expression) < ?", [CustomerRecord.micros(date).databaseValue])
        case .after(_, let date):
            return .sql("\(expression) > ?", [CustomerRecord.micros(date).databaseValue])
        case .metadataContains(let pairs):
            if pairs.isEmpty { return .everything }
            var parts: [String] = []
            var values: [DatabaseValue] = []
            for key in pairs.keys.sorted() {
                guard !key.utf8.contains(0), let value = pairs[key], !value.utf8.contains(0) else { return .nothing }
                // customer_metadata (kept by triggers) holds every text pair: an index, not a JSON
                // scan per row. `+seq` keeps SQLite from probing customers once per pair row (the
                // pair's rows of every status); it walks the other conditions' index or the order's
                // and tests each row against the pair's set instead, 3x faster with a country too.
                parts.append("+seq IN (SELECT seq FROM customer_metadata WHERE key = ? AND value = ?)")
                values += [key.databaseValue, value.databaseValue]
            }
            return .sql("(" + SQLConjunction.balanced(parts) + ")", values)
        case .searchText(let text):
            let needle = SearchText.normalize(SearchPlan.trimmed(text))
            if needle.isEmpty { return .everything }
            if needle.utf8.contains(0) { return .nothing }
            let value = needle.databaseValue
            return .sql("(instr(search_name, ?) > 0 OR instr(search_email, ?) > 0 OR instr(search_external_id, ?) > 0)",
                        [value, value, value])
        }
    }

    private static func marks(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ",")
    }
}
