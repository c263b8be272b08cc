import CustomerKit
import Foundation

/// Reads a request body from a file or standard input (`-`), with errors that say where.
enum RequestFile {
    static func read<T: Decodable>(_ type: T.Type, from path: String) throws(CustomerError) -> T {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else if let contents = FileManager.default.contents(atPath: path) {
            data = contents
        } else {
            throw .validation(message: "Cannot read \(path)", fields: [:])
        }
        // Find JSON syntax errors first, so the message can say what is wrong and where.
        do {
            _ = try JSONSerialization.jsonObject(with: data)
        } catch {
            let source = path == "-" ? "standard input" : path
            throw .validation(message: "Invalid request format: \(source) is not valid JSON", fields: [:])
        }
        do {
            return try CustomerJSON.decoder().decode(type, from: data)
        } catch let DecodingError.typeMismatch(_, context) {
            throw mismatch(context)
        } catch let DecodingError.valueNotFound(_, context) {
            throw mismatch(context)
        } catch {
            throw .validation(message: "Invalid request format", fields: [:])
        }
    }

    private static func mismatch(_ context: DecodingError.Context) -> CustomerError {
        let key = context.codingPath.first?.stringValue ?? "body"
        let path = context.codingPath.map(\.stringValue).joined(separator: ".")
        // The details key names the field; the text repeats the path only when it goes deeper
        // (metadata.tier), so people read "name: Name: wrong JSON type", not the key twice.
        let text = path.isEmpty || path == key ? "wrong JSON type" : "\(path): wrong JSON type"
        return .validation(message: "Invalid request format", fields: [key: text])
    }
}
