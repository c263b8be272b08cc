import BulkTransfer
import CustomerKit
import Foundation

/// The benchmark's synthetic customers as an import file: the same realistic mix the store is
/// seeded with (names, emails, addresses, metadata), for measuring an import against seeding.
enum SyntheticCSV {
    static func write(_ count: Int, to path: String) throws {
        let requests = (0..<min(count, 1_000)).map(SyntheticCustomers.customer)
        let keys = Set(requests.flatMap { ($0.metadata ?? [:]).keys }).sorted()
        let columns = BulkColumns(metadataKeys: keys)
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw CocoaError(.fileWriteNoPermission) }
        defer { close(fd) }
        let writer = CSVWriter(fileDescriptor: fd, guardFormulas: true)
        writer.write(columns.names)
        for index in 0..<count {
            let request = SyntheticCustomers.customer(index)
            writer.write(columns.columns.map { column in
                switch column {
                case .text(let field): request.texts[field] ?? ""
                case .metadata(let key): request.metadata?[key] ?? ""
                case .report: ""
                }
            })
        }
        writer.flush()
        print("wrote \(count) customers to \(path)")
    }
}
