import Foundation

/// The per-row report (`--report FILE`): the report's columns (`import_line`,
/// `import_outcome`, `import_column`, `import_message`), then the row as the file had it. The
/// importer reads past the report's columns, so a report, its failed rows fixed, is imported
/// again as it is.
final class ImportReport {
    private let writer: CSVWriter
    private let fd: Int32
    let path: String

    init(path: String, header: [String]) throws(BulkFileError) {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw BulkFileError(line: nil, "cannot write the report \(path): \(String(cString: strerror(errno)))") }
        // The cells are written back exactly as read; a marked value stays marked.
        writer = CSVWriter(fileDescriptor: fd, guardFormulas: false)
        writer.write(BulkColumns.reportColumns + header.filter { !BulkColumns.reportColumns.contains($0) })
    }

    func add(line: Int, outcome: String, failure: RowFailure?, cells: [String]) {
        writer.write([String(line), outcome, failure?.column ?? "", failure?.message ?? ""] + cells)
    }

    func finish() throws(BulkFileError) {
        defer { close(fd) }
        try writer.finish(writing: "the report \(path)")
    }
}
