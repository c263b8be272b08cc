import CustomerKit
import Foundation

/// Writes customers to a CSV or JSON Lines file, streaming: memory holds one page (and the
/// set of metadata keys), whatever the number of customers.
///
/// CSV has the import's columns, FlexPrice's first; each metadata key becomes a
/// `metadata.<key>` column (the union of all keys, sorted), so a CSV export needs two reads of
/// the customers: one for the keys, one for the rows. JSON Lines has one create body per
/// line. Either imports back into an empty store as the same customers.
public struct CustomerExporter {
    /// Where the customers come from: its batches for a whole status, its list for a search or filter.
    public let source: any BulkCustomerBackend
    public let format: BulkFormat
    /// Which customers, in which order (its limit and offset are ignored).
    public let query: CustomerQuery
    /// Mark values a spreadsheet would run as formulas (see `CSVWriter`).
    public let guardFormulas: Bool
    /// Take a whole status's CSV cells straight from the store where it can (tests turn it off
    /// to compare the two ways byte for byte).
    var readsStoredCells = true
    /// Customers per read of the stored cells.
    var storedBatchSize = 5_000

    public init(source: any BulkCustomerBackend, format: BulkFormat, query: CustomerQuery, guardFormulas: Bool = true) {
        self.source = source
        self.format = format
        self.query = query
        self.guardFormulas = guardFormulas
    }

    public init(source: any BulkCustomerBackend, format: BulkFormat, search: String?, status: CustomerStatus, guardFormulas: Bool = true) {
        self.init(source: source, format: format, query: CustomerQuery(search: search, status: status), guardFormulas: guardFormulas)
    }

    /// Writes every matching customer to the file at `path` (whole, or not at all); returns how many.
    public func export(toFile path: String) async throws -> Int {
        try await FileOutput.whole(path) { fd in try await export(to: fd) }
    }

    /// Writes every matching customer to `fd`; returns how many.
    public func export(to fd: Int32) async throws -> Int {
        var parents = ParentNames(backend: source)
        switch format {
        case .csv:
            if readsStoredCells, isWholeStatus, let stored = source.storedCellSource {
                return try await exportStored(stored, to: fd)
            }
            var keys = Set<String>()
            try await forEachBatch { batch in for customer in batch { keys.formUnion((customer.metadata ?? [:]).keys) } }
            let columns = BulkColumns(metadataKeys: keys.sorted())
            let writer = CSVWriter(fileDescriptor: fd, guardFormulas: guardFormulas)
            writer.write(columns.names)
            var count = 0
            try await forEachBatch { batch in
                try await parents.resolve(batch)
                for customer in batch { writer.write(Self.cells(customer, columns, parentExternalID: parents.name(of: customer))) }
                count += batch.count
            }
            try writer.finish(writing: "the export")
            return count
        case .jsonl:
            var count = 0
            var buffer = Data()
            try await forEachBatch { batch in
                try await parents.resolve(batch)
                for customer in batch {
                    buffer.append(CustomerJSON.encode(Self.createBody(customer, parentExternalID: parents.name(of: customer))))
                    buffer.append(0x0A)
                }
                count += batch.count
                try FileOutput.writeAll(buffer, to: fd)
                buffer.removeAll(keepingCapacity: true)
            }
            return count
        }
    }

    /// A whole status's CSV from the cells as the store keeps them: the same file, without a
    /// `Customer` built per row.
    private func exportStored(_ stored: any StoredCellSource, to fd: Int32) async throws -> Int {
        let keys = try await stored.exportedMetadataKeys(status: query.status)
        let writer = CSVWriter(fileDescriptor: fd, guardFormulas: guardFormulas)
        writer.write(BulkColumns(metadataKeys: keys).names)
        var count = 0
        var resume: Int64?
        repeat {
            let cells = try await stored.storedCells(status: query.status, textFields: BulkColumns.textFields, metadataKeys: keys,
                                                     from: resume, batchSize: storedBatchSize)
            writer.write(cells)
            count += cells.rowCount
            resume = cells.resume
        } while resume != nil && writer.failure == nil
        try writer.finish(writing: "the export")
        return count
    }

    /// Every customer of the status, oldest first: no search, filter or order of a list.
    private var isWholeStatus: Bool { query.search == nil && !query.refinesList }

    private func forEachBatch(_ body: ([Customer]) async throws -> Void) async throws {
        if isWholeStatus {
            try await source.forEachBatch(status: query.status, batchSize: 1_000, body)
        } else {
            try await source.listBatches(matching: query, body)
        }
    }

    static func cells(_ customer: Customer, _ columns: BulkColumns, parentExternalID: String?) -> [String] {
        columns.columns.map { column in
            switch column {
            case .text(.parentCustomerExternalID): parentExternalID ?? ""
            case .text(let field): customer.texts[field] ?? ""
            case .metadata(let key): customer.metadata?[key] ?? ""
            case .report: ""
            }
        }
    }

    static func createBody(_ customer: Customer, parentExternalID: String?) -> CreateCustomerRequest {
        var request = CreateCustomerRequest()
        for field in BulkColumns.textFields where field != .parentCustomerExternalID {
            if let value = customer.texts[field], !value.isEmpty { request.texts[field] = value }
        }
        request.externalID = customer.externalID
        request.parentCustomerExternalID = parentExternalID
        request.metadata = (customer.metadata ?? [:]).isEmpty ? nil : customer.metadata
        return request
    }

}

/// The external ids of parent customers, for the export's `parent_customer_external_id`:
/// read once per parent, by id.
struct ParentNames {
    let backend: any CustomerBackend
    private var names: [String: String] = [:]

    init(backend: any CustomerBackend) {
        self.backend = backend
    }

    mutating func resolve(_ batch: [Customer]) async throws {
        for customer in batch {
            guard let id = customer.parentCustomerID, !id.isEmpty, names[id] == nil else { continue }
            names[id] = try await backend.customer(id: id).externalID
        }
    }

    func name(of customer: Customer) -> String? {
        guard let id = customer.parentCustomerID, !id.isEmpty else { return nil }
        return names[id]
    }
}
