import CustomerKit
import Foundation
import LocalStore

/// Turns a list or search request into the store's `CustomerCriteria`, checking everything the
/// live server checks (contract sections 7 and 8) and also what it leaves unchecked: a filter
/// condition without an operator, a value or a known column, which the live server drops
/// silently or answers with a 500, is a 400 here naming the condition (`filters[2].value`).
struct SearchTranslation {
    /// What the handler needs besides the criteria.
    struct Result {
        var criteria: CustomerCriteria
        var expandIntegrations: Bool
    }

    static let defaultLimit = 50
    static let maxOffset = Int(Int32.max)
    /// Values one `in` / `not_in` list or id list may hold.
    static let maxListValues = 1000
    /// Conditions in `filters`, keys in `sort`, pairs in the `metadata` filter. Past any of
    /// these, or past `CustomerCriteria.maxOperands` values in all, the answer is a 400 naming
    /// the limit; everything within them runs (the store's SQL stays within SQLite's limits).
    static let maxFilters = 1000
    static let maxSortKeys = 1000
    static let maxMetadataPairs = 1000

    private var problems: [String: String] = [:]

    static func translate(_ request: SearchRequest) throws(APIError) -> Result {
        var translation = SearchTranslation()
        let result = translation.run(request)
        if let timeProblem = translation.timeRangeProblem(request) { throw timeProblem }
        guard translation.problems.isEmpty, let result else { throw APIError.invalidFilter(translation.problems) }
        return result
    }

    private mutating func run(_ request: SearchRequest) -> Result? {
        var criteria = CustomerCriteria()
        let limit = request.limit ?? 0
        if limit < 0 || limit > CustomerQuery.maxLimit { problems["limit"] = CustomerQuery.limitProblem }
        criteria.limit = limit == 0 ? Self.defaultLimit : limit
        let offset = request.offset ?? 0
        if offset < 0 { problems["offset"] = "must be 0 or more" }
        // The answer's pagination.offset is offset + limit: keep that far from overflowing.
        if offset > Self.maxOffset { problems["offset"] = "must be at most \(Self.maxOffset)" }
        criteria.offset = min(max(offset, 0), Self.maxOffset)
        switch request.order ?? "" {
        case "", "desc": criteria.newestFirst = true
        case "asc": criteria.newestFirst = false
        default: problems["order"] = "must be asc or desc"
        }
        if let status = request.status, !status.isEmpty { criteria.status = CustomerStatus(status) }
        let expand = expansion(request.expand)

        if let externalID = request.externalID, !externalID.isEmpty {
            criteria.conditions.append(.equals(.field(.externalID), .text(externalID)))
        }
        if let email = request.email, !email.isEmpty {
            if Self.isFilterEmail(email) {
                criteria.conditions.append(.equals(.field(.email), .text(email)))
            } else {
                problems["email"] = "Please provide a valid email"
            }
        }
        for (key, column, values) in [("customer_ids", CustomerCriteria.Column.id, request.customerIDs),
                                      ("external_ids", .field(.externalID), request.externalIDs),
                                      ("parent_customer_ids", .field(.parentCustomerID), request.parentCustomerIDs)] {
            guard let values, !values.isEmpty else { continue }
            if values.count > Self.maxListValues { problems[key] = "at most \(Self.maxListValues) values" }
            criteria.conditions.append(.isIn(column, values.map { .text($0) }))
        }
        if let metadata = request.metadata, !metadata.isEmpty {
            if metadata.count > Self.maxMetadataPairs {
                problems["metadata"] = "at most \(Self.maxMetadataPairs) pairs"
            }
            criteria.conditions.append(.metadataContains(metadata))
        }
        let filters = request.filters ?? []
        if filters.count > Self.maxFilters {
            problems["filters"] = "at most \(Self.maxFilters) conditions"
        } else {
            for (index, filter) in filters.enumerated() {
                if let condition = condition(filter, at: "filters[\(index)]") { criteria.conditions.append(condition) }
            }
        }
        let sort = request.sort ?? []
        if sort.count > Self.maxSortKeys {
            problems["sort"] = "at most \(Self.maxSortKeys) keys"
        } else {
            for (index, spec) in sort.enumerated() {
                if let key = sortKey(spec, at: "sort[\(index)]") { criteria.sort.append(key) }
            }
        }
        return problems.isEmpty ? Result(criteria: criteria, expandIntegrations: expand) : nil
    }

    /// `expand`: comma-separated; `integrations` is the only value allowed.
    private mutating func expansion(_ text: String?) -> Bool {
        guard let text, !text.isEmpty else { return false }
        var integrations = false
        for part in text.split(separator: ",", omittingEmptySubsequences: true) {
            let name = part.trimmingCharacters(in: .whitespaces)
            if name == "integrations" { integrations = true } else { problems["expand"] = "\(name) cannot be expanded" }
        }
        return integrations
    }

    /// Checked as the live server checks it, and never applied to customers (as there).
    private func timeRangeProblem(_ request: SearchRequest) -> APIError? {
        var details: [String: String] = [:]
        func instant(_ text: String?, _ key: String) -> Timestamp? {
            guard let text else { return nil }
            guard let time = Timestamp(rfc3339: text) else {
                details[key] = "must be an RFC 3339 date-time"
                return nil
            }
            return time
        }
        let start = instant(request.startTime, "start_time")
        let end = instant(request.endTime, "end_time")
        if !details.isEmpty { return .invalidFilter(details) }
        if let start, let end, end < start {
            return APIError(status: 400, code: "validation_error", message: "Please provide a valid time range",
                            details: ["end_time": "must not be before start_time"])
        }
        return nil
    }

    // MARK: - Conditions

    private mutating func condition(_ filter: SearchRequest.FilterCondition, at path: String)
        -> CustomerCriteria.Condition? {
        guard let name = filter.field, !name.isEmpty else {
            problems[path + ".field"] = "is required"
            return nil
        }
        guard let column = CustomerCriteria.Column(rawValue: name) else {
            problems[path + ".field"] = "\"\(name)\" is not a customer column"
            return nil
        }
        if column == .metadata {
            problems[path + ".field"] = "metadata is matched with the metadata object, not a filter"
            return nil
        }
        guard let op = filter.operator, !op.isEmpty else {
            problems[path + ".operator"] = "is required"
            return nil
        }
        let value = filter.value ?? SearchRequest.FilterValue()
        let valuePath = path + ".value"
        let isTime = column.kind == .instant
        switch op {
        case "eq":
            // The first member set, in the live server's order: string, number, boolean, date, array.
            if let text = value.string {
                return isTime ? instant(text, column, valuePath + ".string").map { .equals(column, .instant($0)) }
                              : .equals(column, .text(text))
            }
            if value.number != nil || value.boolean != nil {
                problems[valuePath] = "\(name) holds \(isTime ? "date-times" : "text"); numbers and booleans never match"
                return nil
            }
            if let date = value.date {
                guard isTime else {
                    problems[valuePath + ".date"] = "\(name) holds text; use value.string"
                    return nil
                }
                return instant(date, column, valuePath + ".date").map { .equals(column, .instant($0)) }
            }
            if value.array != nil {
                problems[valuePath + ".array"] = "eq compares with one value; use the in operator for a list"
                return nil
            }
            problems[valuePath] = "eq needs value.string" + (isTime ? " or value.date" : "")
            return nil
        case "contains", "not_contains":
            guard !isTime else {
                problems[path + ".operator"] = "\(op) works on text; \(name) holds date-times"
                return nil
            }
            guard let text = value.string else {
                problems[valuePath + ".string"] = "is required for \(op)"
                return nil
            }
            return op == "contains" ? .contains(column, text) : .notContains(column, text)
        case "in", "not_in":
            guard let list = value.array else {
                problems[valuePath + ".array"] = "is required for \(op)"
                return nil
            }
            if list.count > Self.maxListValues {
                problems[valuePath + ".array"] = "at most \(Self.maxListValues) values"
                return nil
            }
            var operands: [CustomerCriteria.Operand] = []
            for (index, item) in list.enumerated() {
                if isTime {
                    guard let time = instant(item, column, valuePath + ".array[\(index)]") else { return nil }
                    operands.append(.instant(time))
                } else {
                    operands.append(.text(item))
                }
            }
            return op == "in" ? .isIn(column, operands) : .notIn(column, operands)
        case "before", "after":
            guard isTime else {
                problems[path + ".operator"] = "\(op) works on created_at and updated_at, not \(name)"
                return nil
            }
            guard let text = value.date else {
                problems[valuePath + ".date"] = "is required for \(op)"
                return nil
            }
            guard let time = instant(text, column, valuePath + ".date") else { return nil }
            return op == "before" ? .before(column, time) : .after(column, time)
        case "gt", "lt", "gte", "lte":
            problems[path + ".operator"] = "\(op) compares numbers, and no customer column is numeric "
                + "(use before or after for created_at and updated_at)"
            return nil
        default:
            problems[path + ".operator"] = "\"\(op)\" is not an operator "
                + "(eq, contains, not_contains, in, not_in, before, after)"
            return nil
        }
    }

    private mutating func instant(_ text: String, _ column: CustomerCriteria.Column, _ path: String)
        -> Date? {
        guard let time = Timestamp(rfc3339: text) else {
            problems[path] = "must be an RFC 3339 date-time, as \(column.rawValue) holds"
            return nil
        }
        return time.date
    }

    private mutating func sortKey(_ spec: SearchRequest.SortSpec, at path: String) -> CustomerCriteria.SortKey? {
        guard let name = spec.field, !name.isEmpty else {
            problems[path + ".field"] = "is required"
            return nil
        }
        guard let column = CustomerCriteria.Column(rawValue: name), column != .metadata else {
            problems[path + ".field"] = "\"\(name)\" is not a column that can be sorted on"
            return nil
        }
        switch spec.direction ?? "" {
        case "", "asc": return CustomerCriteria.SortKey(column, ascending: true)
        case "desc": return CustomerCriteria.SortKey(column, ascending: false)
        default:
            problems[path + ".direction"] = "must be asc or desc"
            return nil
        }
    }

    /// The live server's list filter check (simpler than the create rule): an ASCII local part
    /// of letters, digits and `._%+-`, `@`, a domain of letters, digits, `.` and `-` that ends
    /// in `.` and at least two letters.
    static func isFilterEmail(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let at = bytes.firstIndex(of: UInt8(ascii: "@")), at > 0 else { return false }
        func isAlnum(_ c: UInt8) -> Bool {
            (c >= 0x30 && c <= 0x39) || isLetter(c)
        }
        func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
        let local = bytes[..<at]
        let domain = bytes[(at + 1)...]
        guard local.allSatisfy({ isAlnum($0) || "._%+-".utf8.contains($0) }),
              domain.allSatisfy({ isAlnum($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") }),
              let dot = domain.lastIndex(of: UInt8(ascii: ".")) else { return false }
        let top = domain[(dot + 1)...]
        return dot > domain.startIndex && top.count >= 2 && top.allSatisfy(isLetter)
    }
}
