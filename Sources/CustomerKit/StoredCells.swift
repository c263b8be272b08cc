/// A batch of an export's rows as the store holds their text: each cell's UTF-8 bytes, one
/// after the other in one buffer, without a `Customer` (timestamps, metadata decoding) built
/// for each row. What lets an export of a million customers go at the speed of the store's
/// own reads.
public struct StoredCells: Sendable {
    /// Cells in each row.
    public let width: Int
    /// Every cell's bytes, row after row.
    public private(set) var bytes: [UInt8] = []
    /// Where each cell ends in `bytes` (the next begins there), row after row.
    public private(set) var ends: [Int] = []
    /// Where the next batch starts (the store's own position), or nil after the last batch.
    public var resume: Int64?

    public init(width: Int) {
        self.width = width
    }

    public var rowCount: Int { width == 0 ? 0 : ends.count / width }

    /// Adds the next cell of the current row.
    public mutating func append(_ cell: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: cell)
        ends.append(bytes.count)
    }

    public mutating func appendEmpty() {
        ends.append(bytes.count)
    }
}

/// A backend that can give an export its cells straight from storage (the local store). The
/// columns are the bulk file's: `textFields` in order (`parent_customer_external_id` is the
/// parent's external id), then one per metadata key.
public protocol StoredCellSource: Sendable {
    /// The metadata keys of every customer of `status`, sorted as `Array.sorted()` sorts them.
    func exportedMetadataKeys(status: CustomerStatus) async throws(CustomerError) -> [String]

    /// The next at most `batchSize` customers of `status`, oldest first, from `resume` (nil:
    /// the first); each batch is a read of its own, so a writer is never held back for long.
    func storedCells(status: CustomerStatus, textFields: [CustomerField], metadataKeys: [String],
                     from resume: Int64?, batchSize: Int) async throws(CustomerError) -> StoredCells
}
