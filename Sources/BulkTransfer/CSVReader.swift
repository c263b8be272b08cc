/// One record of a CSV file: its fields, and the line it starts on (a quoted field may hold
/// line breaks, so a record can span lines).
public struct CSVRecord: Sendable, Equatable {
    public var fields: [String]
    public var line: Int
}

/// A streaming RFC 4180 reader over bytes: quoted fields with commas, quotes (`""`) and line
/// breaks; LF or CRLF; a UTF-8 byte order mark skipped. Each field is checked to be UTF-8 and
/// at most `maxFieldBytes`; a problem names its line.
///
/// Written here rather than taken from a library: the CSV packages in the mirror either read
/// the whole text first (SwiftCSV) or decode scalar by scalar without line numbers, field
/// limits or the line of a bad byte (CSV.swift), and an import must say which line is wrong.
public final class CSVReader {
    public static let maxFieldBytes = 1 << 20

    private let source: ByteSource
    /// The line the reader is on (1-based).
    private var line = 1
    private var startedFile = false
    private var field: [UInt8] = []

    init(source: ByteSource) {
        self.source = source
    }

    public convenience init(path: String) throws(BulkFileError) {
        self.init(source: try ByteSource(path: path))
    }

    public convenience init(fileDescriptor fd: Int32) {
        self.init(source: ByteSource(fd: fd, ownsDescriptor: false))
    }

    private static let quote = UInt8(ascii: "\"")
    private static let comma = UInt8(ascii: ",")
    private static let lf = UInt8(ascii: "\n")
    private static let cr = UInt8(ascii: "\r")

    /// The next record, or nil at the end of the file. Empty lines are skipped.
    public func next() throws(BulkFileError) -> CSVRecord? {
        if !startedFile {
            startedFile = true
            try skipByteOrderMark()
        }
        while true {
            guard try source.fill() else { return nil }
            // An empty line (or a CR LF alone) is no record.
            let byte = source.buffer[source.position]
            if byte == Self.lf {
                source.position += 1
                line += 1
                continue
            }
            if byte == Self.cr {
                source.position += 1
                continue
            }
            return try readRecord()
        }
    }

    private func skipByteOrderMark() throws(BulkFileError) {
        guard try source.fill() else { return }
        // The three bytes may straddle chunk ends only in a file shorter than three bytes.
        let b = source.buffer
        let p = source.position
        if b.count - p >= 3, b[p] == 0xEF, b[p + 1] == 0xBB, b[p + 2] == 0xBF { source.position += 3 }
    }

    private func readRecord() throws(BulkFileError) -> CSVRecord {
        let startLine = line
        var fields: [String] = []
        while true {
            let (text, ended) = try readField()
            fields.append(text)
            if ended { return CSVRecord(fields: fields, line: startLine) }
        }
    }

    /// One field; `ended` is true when it was the last of its record.
    private func readField() throws(BulkFileError) -> (String, ended: Bool) {
        field.removeAll(keepingCapacity: true)
        let fieldLine = line
        guard try source.fill() else { return ("", true) }
        if source.buffer[source.position] == Self.quote {
            source.position += 1
            return try readQuoted(from: fieldLine)
        }
        while try source.fill() {
            let buffer = source.buffer
            var index = source.position
            let end = buffer.count
            while index < end {
                let byte = buffer[index]
                if byte == Self.comma || byte == Self.lf || byte == Self.cr { break }
                index += 1
            }
            try append(buffer[source.position..<index], fieldLine: fieldLine)
            source.position = index
            guard index < end else { continue }
            let stop = buffer[index]
            source.position += 1
            if stop == Self.comma { return (try text(fieldLine), false) }
            if stop == Self.cr { try skipLineFeed() }
            line += 1
            return (try text(fieldLine), true)
        }
        return (try text(fieldLine), true)
    }

    private func readQuoted(from fieldLine: Int) throws(BulkFileError) -> (String, ended: Bool) {
        while true {
            guard try source.fill() else {
                throw BulkFileError(line: fieldLine, "a quoted field that starts here is never closed (a \" is missing)")
            }
            let buffer = source.buffer
            var index = source.position
            let end = buffer.count
            while index < end, buffer[index] != Self.quote {
                if buffer[index] == Self.lf { line += 1 }
                index += 1
            }
            try append(buffer[source.position..<index], fieldLine: fieldLine)
            source.position = index
            guard index < end else { continue }
            // A quote: doubled is a quote in the text; else the field's end.
            source.position += 1
            guard try source.fill() else { return (try text(fieldLine), true) }
            let after = source.buffer[source.position]
            if after == Self.quote {
                try append([Self.quote][...], fieldLine: fieldLine)
                source.position += 1
                continue
            }
            source.position += 1
            switch after {
            case Self.comma:
                return (try text(fieldLine), false)
            case Self.lf:
                line += 1
                return (try text(fieldLine), true)
            case Self.cr:
                try skipLineFeed()
                line += 1
                return (try text(fieldLine), true)
            default:
                throw BulkFileError(line: line, "text after a closing quote; a \" inside a quoted field is written \"\"")
            }
        }
    }

    /// After a CR: a following LF belongs to the same line end.
    private func skipLineFeed() throws(BulkFileError) {
        if try source.fill(), source.buffer[source.position] == Self.lf { source.position += 1 }
    }

    private func append(_ bytes: ArraySlice<UInt8>, fieldLine: Int) throws(BulkFileError) {
        guard !bytes.isEmpty else { return }
        if field.count + bytes.count > Self.maxFieldBytes {
            throw BulkFileError(line: fieldLine, "a field longer than 1 MiB (\(Self.maxFieldBytes) bytes)")
        }
        field.append(contentsOf: bytes)
    }

    private func text(_ fieldLine: Int) throws(BulkFileError) -> String {
        if let text = String(validating: field, as: UTF8.self) { return text }
        // Which line holds the first byte that is not UTF-8: the field's, plus its line breaks before it.
        var badLine = fieldLine
        var iterator = field.makeIterator()
        var decoder = Unicode.UTF8()
        decoding: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): if scalar == "\n" { badLine += 1 }
            case .emptyInput: break decoding
            case .error: break decoding
            }
        }
        throw BulkFileError(line: badLine, "text that is not UTF-8; save the file as UTF-8 (for example `iconv -f WINDOWS-1252 -t UTF-8`)")
    }
}
