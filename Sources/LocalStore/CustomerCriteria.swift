import CustomerKit
import Foundation

/// A structured customer query: conditions on named columns, combined with AND, a sort order,
/// and a page. It is what the FlexPrice search API (`POST /customers/search` filters, contract
/// section 8) needs and `CustomerQuery` cannot say; `LocalCustomerStore.find(_:)` answers it.
///
/// Semantics (the product's, as this store defines them):
/// - text equality and `in` are exact and case-sensitive;
/// - `contains` is a case-insensitive substring test after Unicode lower-casing and NFC (the
///   same folding as the console's search);
/// - `before` / `after` are strict comparisons of instants (microsecond precision);
/// - a column the customer has no value for (`contact`, `parent_customer_id` never set) reads
///   as `""`; `metadata` is matched through `metadataContains` only.
public struct CustomerCriteria: Sendable, Hashable {
    /// The columns a condition or sort key may name, by their JSON names: the bookkeeping
    /// columns, and the field catalogue's text fields marked for search filters.
    public enum Column: Sendable, Hashable, CustomStringConvertible {
        case id
        case tenantID
        case environmentID
        case status
        case createdAt
        case updatedAt
        case createdBy
        case updatedBy
        case metadata
        /// A text field of the catalogue (`FieldPlaces.searchFilter`).
        case field(CustomerField)

        private static let bookkeeping: [(Column, String)] = [
            (.id, "id"), (.tenantID, "tenant_id"), (.environmentID, "environment_id"), (.status, "status"),
            (.createdAt, "created_at"), (.updatedAt, "updated_at"), (.createdBy, "created_by"),
            (.updatedBy, "updated_by"), (.metadata, "metadata"),
        ]

        /// Every column, bookkeeping first, then the catalogue's searchable fields.
        public static let allCases: [Column] = bookkeeping.map(\.0)
            + FieldCatalogue.fields(in: .searchFilter).map { .field($0) }

        private static let byName: [String: Column] = Dictionary(uniqueKeysWithValues: allCases.map { ($0.rawValue, $0) })

        public init?(rawValue: String) {
            guard let column = Self.byName[rawValue] else { return nil }
            self = column
        }

        /// The JSON name (also the SQL column's).
        public var rawValue: String {
            if case .field(let field) = self { return field.rawValue }
            return Self.bookkeeping.first { $0.0 == self }!.1
        }

        public var description: String { rawValue }

        /// What the column holds, which decides the operators and operands it takes.
        public enum Kind: Sendable { case text, instant, map }

        public var kind: Kind {
            switch self {
            case .createdAt, .updatedAt: .instant
            case .metadata: .map
            default: .text
            }
        }
    }

    /// A value to compare a column with: text for text columns, an instant for timestamps.
    public enum Operand: Sendable, Hashable {
        case text(String)
        case instant(Date)
    }

    public enum Condition: Sendable, Hashable {
        case equals(Column, Operand)
        case isIn(Column, [Operand])
        case notIn(Column, [Operand])
        /// Case-insensitive substring (text columns).
        case contains(Column, String)
        case notContains(Column, String)
        /// Strictly before / after (timestamp columns).
        case before(Column, Date)
        case after(Column, Date)
        /// Every pair is in the customer's metadata (containment, like jsonb `@>`).
        case metadataContains([String: String])
        /// The console's search: a case-insensitive substring of name, email or external id
        /// (any of them; the API's filters cannot say "or").
        case searchText(String)

        var column: Column {
            switch self {
            case .equals(let c, _), .isIn(let c, _), .notIn(let c, _), .contains(let c, _),
                 .notContains(let c, _), .before(let c, _), .after(let c, _):
                c
            case .metadataContains:
                .metadata
            case .searchText:
                .field(.name)
            }
        }
    }

    public struct SortKey: Sendable, Hashable {
        public var column: Column
        public var ascending: Bool
        public init(_ column: Column, ascending: Bool = true) {
            self.column = column
            self.ascending = ascending
        }
    }

    public var status: CustomerStatus
    public var conditions: [Condition]
    /// In priority order; `created_at` in `newestFirst`'s direction always follows.
    public var sort: [SortKey]
    /// The direction of the final `created_at` key (the API's `order`, `desc` by default).
    public var newestFirst: Bool
    /// 1...1000, as the API allows.
    public var limit: Int
    public var offset: Int

    public init(status: CustomerStatus = .published, conditions: [Condition] = [], sort: [SortKey] = [],
                newestFirst: Bool = true, limit: Int = 50, offset: Int = 0) {
        self.status = status
        self.conditions = conditions
        self.sort = sort
        self.newestFirst = newestFirst
        self.limit = limit
        self.offset = offset
    }

    /// The most operands one query may bind (SQLite allows 32,766 parameters).
    public static let maxOperands = 10_000

    /// A validation error when the criteria cannot be run as given.
    public var problem: CustomerError? {
        if let problem = CustomerQuery(limit: limit, offset: offset).problem { return problem }
        var operands = 0
        for (index, condition) in conditions.enumerated() {
            if let text = Self.problem(condition) {
                return .validation(message: "Invalid filter parameters", fields: ["filters[\(index)]": text])
            }
            switch condition {
            case .isIn(_, let values), .notIn(_, let values): operands += values.count
            case .metadataContains(let pairs): operands += 2 * pairs.count
            default: operands += 1
            }
        }
        if operands > Self.maxOperands {
            return .validation(message: "Invalid filter parameters",
                               fields: ["filters": "at most \(Self.maxOperands) values in all"])
        }
        for (index, key) in sort.enumerated() where key.column == .metadata {
            return .validation(message: "Invalid filter parameters",
                               fields: ["sort[\(index)]": "metadata cannot be sorted on"])
        }
        return nil
    }

    private static func problem(_ condition: Condition) -> String? {
        let column = condition.column
        func operandProblem(_ operand: Operand) -> String? {
            switch (column.kind, operand) {
            case (.text, .text), (.instant, .instant): nil
            case (.text, .instant): "\(column.rawValue) holds text, not a date-time"
            case (.instant, .text): "\(column.rawValue) holds a date-time, not text"
            case (.map, _): "match metadata with the metadata object, not a filter"
            }
        }
        switch condition {
        case .equals(_, let operand):
            return operandProblem(operand)
        case .isIn(_, let operands), .notIn(_, let operands):
            return operands.lazy.compactMap(operandProblem).first
        case .contains, .notContains:
            return column.kind == .text ? nil : "\(column.rawValue) does not hold text"
        case .before, .after:
            return column.kind == .instant ? nil : "\(column.rawValue) is not a date-time column"
        case .metadataContains, .searchText:
            return nil
        }
    }
}
