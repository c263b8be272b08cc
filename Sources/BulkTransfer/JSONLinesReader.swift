import CustomerKit
import Foundation

/// Reads a JSON Lines file: one create/update body (the API's JSON) per line, blank lines
/// skipped. Each line is checked to be UTF-8 and at most `maxLineBytes`.
public final class JSONLinesReader {
    public static let maxLineBytes = 4 << 20

    private let source: ByteSource
    private var line = 0
    private var bytes: [UInt8] = []

    init(source: ByteSource) {
        self.source = source
    }

    public convenience init(path: String) throws(BulkFileError) {
        self.init(source: try ByteSource(path: path))
    }

    /// The next non-blank line as its text, with its line number.
    func nextLine() throws(BulkFileError) -> (text: String, line: Int)? {
        while true {
            bytes.removeAll(keepingCapacity: true)
            var sawAny = false
            while try source.fill() {
                sawAny = true
                let buffer = source.buffer
                let start = source.position
                var index = start
                while index < buffer.count, buffer[index] != 0x0A { index += 1 }
                if bytes.count + (index - start) > Self.maxLineBytes {
                    throw BulkFileError(line: line + 1, "a line longer than \(Self.maxLineBytes >> 20) MiB")
                }
                bytes.append(contentsOf: buffer[start..<index])
                source.position = index
                if index < buffer.count {
                    source.position += 1
                    break
                }
            }
            guard sawAny else { return nil }
            line += 1
            if line == 1, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
            if bytes.last == 0x0D { bytes.removeLast() }
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw BulkFileError(line: line, "text that is not UTF-8; save the file as UTF-8")
            }
            return (text, line)
        }
    }

    /// The next row; a line that is not a JSON object is an error naming its line.
    public func next() throws(BulkFileError) -> BulkRow? {
        guard let (text, line) = try nextLine() else { return nil }
        let request: CreateCustomerRequest
        do {
            request = try CustomerJSON.decoder().decode(CreateCustomerRequest.self, from: Data(text.utf8))
        } catch {
            throw BulkFileError(line: line, "not a customer JSON object (\(Self.describe(error)))")
        }
        var row = BulkRow(line: line)
        row.texts = request.texts
        row.metadata = request.metadata ?? [:]
        row.integrationEntityMapping = request.integrationEntityMapping
        row.taxRateOverrides = request.taxRateOverrides
        return row
    }

    private static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
             DecodingError.keyNotFound(_, let context), DecodingError.dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? "malformed JSON" : "\(path): \(context.debugDescription)"
        default:
            return "malformed JSON"
        }
    }
}
