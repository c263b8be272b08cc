/// The order a list or search comes in: one key, then `created_at` (newest first unless the
/// key is `created` itself ascending), as FlexPrice's search appends it.
///
/// Text keys compare case-insensitively first (Unicode lower-casing, as the search folds;
/// names also ignore accents and surrounding spaces, `NameSortKey`), then exactly, so that
/// "acme" and "Acme" stay together and "Ångström" sorts with the A's.
public struct CustomerListOrder: Sendable, Hashable, CustomStringConvertible {
    public enum Key: String, Sendable, Hashable, CaseIterable {
        case created, name, email, updated

        /// The column the API sorts on.
        public var column: String {
            switch self {
            case .created: "created_at"
            case .updated: "updated_at"
            case .name: "name"
            case .email: "email"
            }
        }

        /// The direction an operator expects first: dates newest first, text A to Z.
        public var naturalDescending: Bool { self == .created || self == .updated }
    }

    public var key: Key
    public var descending: Bool

    public init(_ key: Key, descending: Bool? = nil) {
        self.key = key
        self.descending = descending ?? key.naturalDescending
    }

    /// The API's default: newest first.
    public static let newestFirst = CustomerListOrder(.created, descending: true)

    public var isDefault: Bool { self == .newestFirst }

    /// The next key in the order the console cycles through, in its natural direction.
    public var nextKey: CustomerListOrder {
        let keys = Key.allCases
        return CustomerListOrder(keys[(keys.firstIndex(of: key)! + 1) % keys.count])
    }

    public var reversed: CustomerListOrder { CustomerListOrder(key, descending: !descending) }

    /// "name A→Z", "created newest first": what the list's header says.
    public var description: String {
        switch key {
        case .created, .updated: "\(key.rawValue) \(descending ? "newest" : "oldest") first"
        case .name, .email: "\(key.rawValue) \(descending ? "Z→A" : "A→Z")"
        }
    }
}
