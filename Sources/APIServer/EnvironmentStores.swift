import CustomerKit
import LocalStore

/// One `LocalCustomerStore` per environment, all on the same SQLite file (WAL lets them share
/// it). Opened at start-up for every environment that has a key, so that a request never
/// opens a database and a key can only ever reach the store of its own environment.
public struct EnvironmentStores: Sendable {
    private let stores: [String: LocalCustomerStore]

    /// Opens (creating as needed) the file at `path` once per environment.
    public init(path: String, environments: [String], operator operatorName: String = "flexprice-console-api")
        throws(CustomerError) {
        var stores: [String: LocalCustomerStore] = [:]
        for environment in environments where stores[environment] == nil {
            stores[environment] = try LocalCustomerStore(path: path, environmentID: environment, operator: operatorName)
        }
        self.stores = stores
    }

    public init(_ stores: [LocalCustomerStore]) {
        self.stores = Dictionary(stores.map { ($0.environmentID, $0) }) { first, _ in first }
    }

    public func store(for environmentID: String) -> LocalCustomerStore? { stores[environmentID] }

    public var environments: [String] { stores.keys.sorted() }
}
