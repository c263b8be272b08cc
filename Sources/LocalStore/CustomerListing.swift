import CustomerKit
import GRDB

/// Answers `list(query)`: one page in list order (created_at, id descending, which is `seq`
/// descending) and the exact number of matches, inside one read transaction.
///
/// How each kind of query stays fast with a million customers (see `SearchPlan`):
/// - no search: the total comes from `customer_counts`; the page walks an index.
/// - search of 3+ characters: the trigram index finds matches newest first (rowid order) and
///   counts them without touching the customer rows.
/// - search of 1-2 characters: the total comes from `search_gram_counts`; the page comes from
///   walking the list while matching, or, when that walk would be long, from the trigram index.
/// - extra filters (external id, parent), or a search among another status: the matching set
///   is small or unusual, so plain SQL over the indexed columns.
/// - another order, a country or a metadata filter: `CriteriaListing`, on the v2 indexes.
struct CustomerListing {
    let scope: StoreScope
    /// Rows a short-search walk may be expected to read before the trigram route is used.
    var walkBudget = 20_000

    func page(_ query: CustomerQuery, _ db: Database) throws -> CustomerPage {
        // Another order or a country or metadata filter: the structured search answers it.
        if query.refinesList { return try CriteriaListing(scope: scope).page(Self.criteria(for: query), db) }
        let plan = SearchPlan(query: query)
        let (seqs, total): ([Int64], Int)
        switch plan.kind {
        case .nothing:
            (seqs, total) = ([], 0)
        case .everything:
            let count = "SELECT rows FROM customer_counts WHERE scope_no = ? AND status = ?"
            total = try Int.fetchOne(db.cachedStatement(sql: count), arguments: [scope.number, query.status.rawValue]) ?? 0
            seqs = try filteredPage(plan, query, db)
        case .filtered:
            total = try filteredCount(plan, query, db)
            seqs = try filteredPage(plan, query, db)
        case .trigram(let text):
            total = try ftsCount(SearchText.ftsPhrase(text), db)
            seqs = try ftsPage(SearchText.ftsPhrase(text), query, db)
        case .short(let text):
            total = try GramCounts.rows(containing: text, in: scope, db)
            seqs = total == 0 ? [] : try shortPage(text, total: total, plan, query, db)
        }
        return CustomerPage(items: try customers(seqs, db), total: total, limit: query.limit, offset: query.offset)
    }

    /// The same query as `CustomerCriteria`: every filter a condition, the order one sort key.
    static func criteria(for query: CustomerQuery) -> CustomerCriteria {
        var conditions: [CustomerCriteria.Condition] = []
        if let search = query.search { conditions.append(.searchText(search)) }
        if let externalID = query.externalID { conditions.append(.equals(.field(.externalID), .text(externalID))) }
        if let parent = query.parentCustomerID { conditions.append(.equals(.field(.parentCustomerID), .text(parent))) }
        if let country = query.country { conditions.append(.equals(.field(.addressCountry), .text(country))) }
        if !query.metadata.isEmpty { conditions.append(.metadataContains(query.metadata)) }
        let sort: [CustomerCriteria.SortKey]
        switch query.order.key {
        case .created: sort = []
        case .updated: sort = [.init(.updatedAt, ascending: !query.order.descending)]
        case .name: sort = [.init(.field(.name), ascending: !query.order.descending)]
        case .email: sort = [.init(.field(.email), ascending: !query.order.descending)]
        }
        // Ties (and the created order itself) go by created_at, newest first unless asked otherwise.
        let newestFirst = query.order.key == .created ? query.order.descending : true
        return CustomerCriteria(status: query.status, conditions: conditions, sort: sort, newestFirst: newestFirst,
                                limit: query.limit, offset: query.offset)
    }

    // MARK: - Plain SQL

    /// scope + status + optional external id, parent and substring conditions.
    private func whereClause(_ plan: SearchPlan, _ query: CustomerQuery) -> (String, StatementArguments) {
        var sql = "scope_no = ? AND status = ?"
        var arguments: StatementArguments = [scope.number, query.status.rawValue]
        if let externalID = query.externalID {
            sql += " AND external_id = ?"
            arguments += [externalID]
        }
        if let parent = query.parentCustomerID {
            sql += " AND parent_customer_id = ?"
            arguments += [parent]
        }
        if let text = plan.text {
            sql += " AND (instr(search_name, ?) > 0 OR instr(search_email, ?) > 0 OR instr(search_external_id, ?) > 0)"
            arguments += [text, text, text]
        }
        return (sql, arguments)
    }

    private func filteredCount(_ plan: SearchPlan, _ query: CustomerQuery, _ db: Database) throws -> Int {
        let (condition, arguments) = whereClause(plan, query)
        return try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM customers WHERE \(condition)"),
                                arguments: arguments) ?? 0
    }

    private func filteredPage(_ plan: SearchPlan, _ query: CustomerQuery, _ db: Database) throws -> [Int64] {
        let (condition, arguments) = whereClause(plan, query)
        let sql = "SELECT seq FROM customers WHERE \(condition) ORDER BY seq DESC LIMIT ? OFFSET ?"
        return try Int64.fetchAll(db.cachedStatement(sql: sql), arguments: arguments + [query.limit, query.offset])
    }

    // MARK: - Trigram index

    private func ftsCount(_ match: String, _ db: Database) throws -> Int {
        let sql = "SELECT count(*) FROM customer_search WHERE customer_search MATCH ? AND rowid BETWEEN ? AND ?"
        return try Int.fetchOne(db.cachedStatement(sql: sql),
                                arguments: [match, scope.seqRange.lowerBound, scope.seqRange.upperBound]) ?? 0
    }

    private func ftsPage(_ match: String, _ query: CustomerQuery, _ db: Database) throws -> [Int64] {
        let sql = """
            SELECT rowid FROM customer_search WHERE customer_search MATCH ? AND rowid BETWEEN ? AND ?
            ORDER BY rowid DESC LIMIT ? OFFSET ?
            """
        return try Int64.fetchAll(db.cachedStatement(sql: sql), arguments: [
            match, scope.seqRange.lowerBound, scope.seqRange.upperBound, query.limit, query.offset,
        ])
    }

    // MARK: - One or two characters

    /// A page for a 1-2 character search whose total is already known. Two routes:
    /// - walk the list (newest first), testing each row, until the page is full: cheap when the
    ///   string is common, as a page is found after few rows (~0.3 µs a row);
    /// - the trigram index: every occurrence starts some indexed trigram (values end in two
    ///   sentinels), so the matches are the rows with any vocabulary term that begins with the
    ///   string. Listing those terms reads their posting lists (~30 ns a match), and merging
    ///   them costs about 3 ns per term for every row up to the end of the page.
    /// The cheaper route by these estimates is taken; both are exact.
    private func shortPage(_ text: String, total: Int, _ plan: SearchPlan, _ query: CustomerQuery,
                           _ db: Database) throws -> [Int64] {
        let published = try Int.fetchOne(
            db.cachedStatement(sql: "SELECT rows FROM customer_counts WHERE scope_no = ? AND status = 'published'"),
            arguments: [scope.number]) ?? 0
        let rowsToPage = Double(query.offset + query.limit)
        let expectedWalk = rowsToPage * Double(published) / Double(total)
        let forceIndex = walkBudget == 0
        if forceIndex || (expectedWalk > Double(walkBudget) && Double(total) < 3 * expectedWalk),
           let terms = try termsStarting(with: text, db),
           forceIndex || rowsToPage * Double(terms.count) < 100 * expectedWalk {
            let match = terms.map(SearchText.ftsPhrase).joined(separator: " OR ")
            return terms.isEmpty ? [] : try ftsPage(match, query, db)
        }
        return try filteredPage(plan, query, db)
    }

    /// The most vocabulary terms put into one OR query; more means the string is not rare.
    static let maxTerms = 2_000

    /// Index terms (trigrams) that begin with `text`, or nil when there are too many.
    private func termsStarting(with text: String, _ db: Database) throws -> [String]? {
        let sql = "SELECT term FROM customer_search_terms WHERE term >= ? ORDER BY term"
        var terms: [String] = []
        let cursor = try String.fetchCursor(db.cachedStatement(sql: sql), arguments: [text])
        // Byte-wise prefix test: the index orders terms by their UTF-8 bytes.
        while let term = try cursor.next(), term.utf8.starts(with: text.utf8) {
            terms.append(term)
            if terms.count > Self.maxTerms { return nil }
        }
        return terms
    }

    // MARK: - Rows

    /// The customers for `seqs`, in that order.
    private func customers(_ seqs: [Int64], _ db: Database) throws -> [Customer] {
        guard !seqs.isEmpty else { return [] }
        let marks = Array(repeating: "?", count: seqs.count).joined(separator: ",")
        let sql = "SELECT \(CustomerRecord.columns) FROM customers WHERE seq IN (\(marks)) ORDER BY seq DESC"
        return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(seqs))
            .map { CustomerRecord(row: $0).customer(in: scope) }
    }
}
