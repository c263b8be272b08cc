import CustomerKit
import Foundation

/// Writes CSV (RFC 4180, LF line ends, UTF-8 without a byte order mark) through a buffer, to a
/// file descriptor: memory stays one buffer whatever is written.
///
/// Spreadsheet formulas: a value that starts with `=`, `+`, `-`, `@`, a tab or a CR would be run
/// as a formula by Excel, LibreOffice or Sheets when the file is opened there. With
/// `guardFormulas`, such a value is written with a leading `'` (the spreadsheets' own "this is
/// text" mark), and the importer takes a leading `'` before one of those characters off again,
/// so that a round trip through this tool changes nothing while a spreadsheet shows the text.
public final class CSVWriter {
    private let fd: Int32
    private var buffer: [UInt8] = []
    private let guardFormulas: Bool
    public private(set) var failure: String?

    public init(fileDescriptor fd: Int32, guardFormulas: Bool) {
        self.fd = fd
        self.guardFormulas = guardFormulas
        buffer.reserveCapacity(1 << 17)
    }

    /// The characters that make a spreadsheet read a cell as a formula: `=`, `+`, `-`, `@`, tab, CR.
    static func isFormulaStart(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D: true
        default: false
        }
    }

    public func write(_ fields: [String]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            var field = field
            field.withUTF8 { append($0) }
        }
        endRecord()
    }

    /// Writes every row of `cells` (as the store holds them: no `String` made for a cell).
    public func write(_ cells: StoredCells) {
        guard cells.width > 0 else { return }
        cells.bytes.withUnsafeBufferPointer { all in
            var start = 0
            var column = 0
            for end in cells.ends {
                if column > 0 { buffer.append(UInt8(ascii: ",")) }
                append(UnsafeBufferPointer(rebasing: all[start..<end]))
                start = end
                column += 1
                if column == cells.width {
                    endRecord()
                    column = 0
                }
            }
        }
    }

    private func endRecord() {
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= 1 << 16 { flush() }
    }

    private func append(_ utf8: UnsafeBufferPointer<UInt8>) {
        // A value that already starts with ' before a formula character gets one more, so that
        // taking one off on import gives it back as it was.
        let guarded = guardFormulas && utf8.first.map { Self.isFormulaStart($0) || ($0 == UInt8(ascii: "'") && Self.isGuarded(utf8)) } == true
        var needsQuotes = (!guarded && utf8.first == 0x20) || utf8.last == 0x20
        if !needsQuotes {
            for byte in utf8 where byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == 0x0A || byte == 0x0D {
                needsQuotes = true
                break
            }
        }
        if needsQuotes { buffer.append(UInt8(ascii: "\"")) }
        if guarded { buffer.append(UInt8(ascii: "'")) }
        if needsQuotes {
            for byte in utf8 {
                if byte == UInt8(ascii: "\"") { buffer.append(byte) }
                buffer.append(byte)
            }
            buffer.append(UInt8(ascii: "\""))
        } else {
            buffer.append(contentsOf: utf8)
        }
    }

    /// `'` followed by a formula character (or by more `'` and then one): a value the writer
    /// marked, which the importer unmarks.
    static func isGuarded(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < utf8.count, utf8[index] == UInt8(ascii: "'") { index += 1 }
        return index > 0 && index < utf8.count && isFormulaStart(utf8[index])
    }

    /// The value as it was before `write` marked it (one leading `'` taken off a marked value).
    public static func unguarded(_ value: String) -> String {
        guard value.utf8.first == UInt8(ascii: "'") else { return value }
        var value = value
        guard value.withUTF8({ isGuarded($0) }) else { return value }
        return String(value.dropFirst())
    }

    /// Writes what is left; a write that failed on the way, now or earlier, is the error
    /// (`what` names the file in its message).
    public func finish(writing what: String) throws(BulkFileError) {
        flush()
        if let failure { throw BulkFileError(line: nil, "cannot write \(what): \(failure)") }
    }

    /// Writes what is buffered; a failure (a full disk, a closed pipe) is kept in `failure`.
    public func flush() {
        if failure == nil {
            do { try FileOutput.writeAll(buffer, to: fd) } catch { failure = error.message }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
