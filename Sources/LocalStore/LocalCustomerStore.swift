import CustomerKit
import Foundation
import GRDB

/// The embedded customer store: one SQLite file, behaving as the FlexPrice product documents
/// describe the API (contract sections 4-15; parents work as the documents say).
///
/// The file is opened in WAL mode through a GRDB `DatabasePool` with a busy timeout, so that
/// several console processes (and an API server) on one host can use it at once: readers never
/// wait, and a writer waits up to `busyTimeout` for another's transaction to finish. Several
/// environments may share a file; a store sees only its own (tenant, environment).
public final class LocalCustomerStore: CustomerBackend {
    public static let defaultEnvironmentID = "env_local"
    /// The tenant FlexPrice gives config keys (contract section 4).
    public static let defaultTenantID = "00000000-0000-0000-0000-000000000000"
    /// How long a write waits for another process's write before failing.
    public static let busyTimeout: TimeInterval = 5

    public let path: String
    public let environmentID: String
    public let tenantID: String
    /// Written to created_by / updated_by.
    public let operatorName: String

    private let pool: DatabasePool
    let scope: StoreScope
    let writes: CustomerWrites
    /// Set for `temporary()` stores: the folder to delete when the store goes away.
    private let temporaryFolder: String?

    /// Opens the store at `path`, creating the file, its folders and its schema as needed.
    /// `clock` exists for tests; it stamps created_at, updated_at and the id's time.
    public convenience init(path: String, environmentID: String = LocalCustomerStore.defaultEnvironmentID,
                            tenantID: String = LocalCustomerStore.defaultTenantID,
                            operator operatorName: String = LocalCustomerStore.currentUserName(),
                            clock: @escaping @Sendable () -> Date = { Date() }) throws(CustomerError) {
        try self.init(path: path, environmentID: environmentID, tenantID: tenantID, operatorName: operatorName,
                      clock: clock, temporaryFolder: nil)
    }

    /// A store in a new file under the temporary folder, deleted with the store: for tests.
    public static func temporary(environmentID: String = LocalCustomerStore.defaultEnvironmentID,
                                 tenantID: String = LocalCustomerStore.defaultTenantID,
                                 operator operatorName: String = "test-operator",
                                 clock: @escaping @Sendable () -> Date = { Date() }) throws(CustomerError)
        -> LocalCustomerStore {
        let folder = (NSTemporaryDirectory() as NSString)
            .appendingPathComponent("flexprice-store-\(UUID().uuidString)")
        return try LocalCustomerStore(path: (folder as NSString).appendingPathComponent("customers.sqlite"),
                                      environmentID: environmentID, tenantID: tenantID,
                                      operatorName: operatorName, clock: clock, temporaryFolder: folder)
    }

    private init(path: String, environmentID: String, tenantID: String, operatorName: String,
                 clock: @escaping @Sendable () -> Date, temporaryFolder: String?) throws(CustomerError) {
        guard !environmentID.isEmpty, !tenantID.isEmpty,
              !(environmentID + tenantID).utf8.contains(0) else {
            throw CustomerError.validation(message: "The environment and tenant ids must be non-empty text",
                                           fields: [:])
        }
        self.path = path
        self.environmentID = environmentID
        self.tenantID = tenantID
        self.operatorName = operatorName
        self.temporaryFolder = temporaryFolder
        do {
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            }
        } catch {
            throw CustomerError.server(code: "database_error", status: 500,
                                       message: "Cannot create the folder for the customer database: \(path)",
                                       details: [:])
        }
        do {
            pool = try DatabasePool(path: path, configuration: Self.configuration())
            let migrator = StoreSchema.migrator
            if try pool.read({ try migrator.hasBeenSuperseded($0) }) { throw StoreFailure.newerSchema }
            try migrator.migrate(pool)
            scope = try pool.write { db in
                try StoreScope.register(tenantID: tenantID, environmentID: environmentID, in: db)
            }
        } catch {
            throw StoreErrors.map(error)
        }
        writes = CustomerWrites(scope: scope, operatorName: operatorName, clock: clock, ids: .shared)
    }

    deinit {
        if let temporaryFolder { try? FileManager.default.removeItem(atPath: temporaryFolder) }
    }

    private static func configuration() -> Configuration {
        var config = Configuration()
        config.busyMode = .timeout(busyTimeout)
        // Two readers are plenty for one operator; each connection has its own page cache.
        config.maximumReaderCount = 2
        config.label = "LocalCustomerStore"
        config.prepareDatabase { db in
            // NORMAL is safe in WAL mode (no corruption; a power cut may lose the last commits)
            // and saves an fsync per create. 2 MB of page cache per connection keeps RSS small;
            // the OS file cache holds the rest. The WAL is cut back after checkpoints.
            try db.execute(sql: """
                PRAGMA synchronous = NORMAL;
                PRAGMA cache_size = -2048;
                PRAGMA journal_size_limit = 67108864;
                """)
            // Case-insensitive `contains` and sorting on columns without a folded copy (criteria).
            db.add(function: CustomerFold.function)
            db.add(function: CustomerFold.nameSortKey)
        }
        return config
    }

    /// `$XDG_DATA_HOME/flexprice-console/customers.sqlite`, else under `~/.local/share`.
    public static func defaultPath(environment: [String: String]) -> String {
        XDGDirectories(environment: environment).data + "/customers.sqlite"
    }

    /// The operator's user name: `USER`, else `LOGNAME`, else the password database.
    public static func currentUserName(environment: [String: String] = ProcessInfo.processInfo.environment)
        -> String {
        for key in ["USER", "LOGNAME"] {
            if let name = environment[key], !name.isEmpty { return name }
        }
        return SystemUser.name() ?? ""
    }

    public var label: String { "local: \(path) (\(environmentID))" }

    // MARK: - CustomerBackend

    public func create(_ request: CreateCustomerRequest) async throws(CustomerError) -> Customer {
        try RequestChecks.check(request)
        let (writes, scope) = (writes, scope)
        return try await write { db in
            var grams: [UInt64: Int64] = [:]
            let record = try writes.create(request, after: nil, grams: &grams, db).record
            try GramCounts.apply(grams, in: scope, db)
            return record.customer(in: scope)
        }
    }

    public func customer(id: String) async throws(CustomerError) -> Customer {
        let scope = scope
        let record = try await read { db in try CustomerLookup(scope: scope).record(id: id, db) }
        guard let record else { throw CustomerWrites.unknownID(id) }
        return record.customer(in: scope)
    }

    public func customer(externalID: String) async throws(CustomerError) -> Customer {
        let scope = scope
        let record = try await read { db in try CustomerLookup(scope: scope).record(externalID: externalID, db) }
        guard let record else { throw CustomerWrites.unknownExternalID(externalID) }
        return record.customer(in: scope)
    }

    public func list(_ query: CustomerQuery) async throws(CustomerError) -> CustomerPage {
        try await list(query, walkBudget: CustomerListing(scope: scope).walkBudget)
    }

    /// `list`, with the short-search walk budget open to tests (0 forces the index route).
    func list(_ query: CustomerQuery, walkBudget: Int) async throws(CustomerError) -> CustomerPage {
        if let problem = query.problem { throw problem }
        let listing = CustomerListing(scope: scope, walkBudget: walkBudget)
        return try await read { db in try listing.page(query, db) }
    }

    /// The version check, the write and the "before" are one transaction: no other writer can
    /// come between them.
    public func update(_ ref: CustomerRef, _ request: UpdateCustomerRequest, expecting version: Timestamp?)
        async throws(CustomerError) -> CustomerUpdate {
        try RequestChecks.check(request)
        let (writes, scope) = (writes, scope)
        return try await write { db in
            let (old, new) = try writes.update(ref, request, expecting: version.map { CustomerRecord.micros($0.date) }, db)
            return CustomerUpdate(before: old.customer(in: scope), after: new.customer(in: scope))
        }
    }

    public func delete(id: String) async throws(CustomerError) {
        let writes = writes
        try await write { db in try writes.archive(id: id, db) }
    }

    // MARK: - Bulk

    /// Creates many customers in one transaction, with the same rules as `create` (all or
    /// nothing): for imports and benchmarks. Returns how many were created. Batches of some
    /// thousands keep memory and the WAL small.
    public func createMany(_ requests: [CreateCustomerRequest]) async throws(CustomerError) -> Int {
        for (index, request) in requests.enumerated() {
            do { try RequestChecks.check(request) } catch { throw Self.numbered(error, index) }
        }
        let (writes, scope) = (writes, scope)
        return try await write { db in
            var grams: [UInt64: Int64] = [:]
            var last: CustomerWrites.LastInsert?
            for (index, request) in requests.enumerated() {
                do {
                    last = try writes.create(request, after: last, grams: &grams, db).last
                } catch let error as CustomerError {
                    throw Self.numbered(error, index)
                }
            }
            try GramCounts.apply(grams, in: scope, db)
            return requests.count
        }
    }

    /// Merges the search index into one segment and trims the WAL: worth doing after a large
    /// import (queries read fewer index segments). Safe to run at any time.
    public func compact() async throws(CustomerError) {
        try await write { db in
            try db.execute(sql: "INSERT INTO customer_search (customer_search) VALUES ('optimize')")
        }
        do {
            try await pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        } catch {
            throw StoreErrors.map(error)
        }
    }

    /// The version of the SQLite library in use (for reports).
    public func sqliteVersion() async throws(CustomerError) -> String {
        try await read { db in try String.fetchOne(db, sql: "SELECT sqlite_version()") ?? "?" }
    }

    private static func numbered(_ error: CustomerError, _ index: Int) -> CustomerError {
        switch error {
        case .validation(let message, let fields):
            .validation(message: "Customer \(index + 1): \(message)", fields: fields)
        case .alreadyExists(let message, let details):
            .alreadyExists(message: "Customer \(index + 1): \(message)", details: details)
        default:
            error
        }
    }

    // MARK: - Database access

    /// The stored row, columns the API does not return included (for tests and tools).
    func record(id: String) async throws(CustomerError) -> CustomerRecord? {
        let scope = scope
        return try await read { db in try CustomerLookup(scope: scope).record(id: id, db) }
    }

    /// The scope this store works in.
    var storeScope: StoreScope { scope }

    func write<T: Sendable>(_ body: @Sendable (Database) throws -> T) async throws(CustomerError) -> T {
        do { return try await pool.write(body) } catch { throw StoreErrors.map(error) }
    }

    /// A read transaction (internal so that tests can look at the tables).
    func read<T: Sendable>(_ body: @Sendable (Database) throws -> T) async throws(CustomerError) -> T {
        do { return try await pool.read(body) } catch { throw StoreErrors.map(error) }
    }
}
