import Foundation

/// The JSON coders every layer uses for API bodies, so output is the same everywhere.
public enum CustomerJSON {
    /// Sorted keys (stable output for diffs and tests); slashes left alone.
    public static func encoder(pretty: Bool = false) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
                                          : [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    public static func decoder() -> JSONDecoder { JSONDecoder() }

    public static func encode<T: Encodable>(_ value: T, pretty: Bool = false) -> Data {
        // Encoding these model types cannot fail: every value is a string, number, bool or nested model.
        (try? encoder(pretty: pretty).encode(value)) ?? Data()
    }

    /// Decodes a request body; any failure is the API's "Invalid request format".
    public static func decodeRequest<T: Decodable>(_ type: T.Type, from data: Data) throws(CustomerError) -> T {
        do {
            return try decoder().decode(type, from: data)
        } catch {
            throw .validation(message: "Invalid request format", fields: [:])
        }
    }
}
