import CustomerKit
import Foundation
import Hummingbird

/// Reads a JSON request body of at most `APIServer.maxBodyBytes` (413 beyond that, before the
/// rest is read) and decodes it. Malformed JSON, a wrong type or an empty body are answered
/// with `invalid`, the live server's words for the route; its `details` name a value of the
/// wrong type by its path. A key given twice keeps its last value, as on the live server
/// (`DuplicateKeys`).
enum RequestBodyReader {
    static func decode<T: Decodable>(_ type: T.Type, _ request: Request,
                                     invalid: ([String: String]) -> APIError) async throws -> T {
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > APIServer.maxBodyBytes {
            throw APIError.tooLarge
        }
        let buffer = try await request.body.collect(upTo: APIServer.maxBodyBytes)
        guard buffer.readableBytes > 0 else { throw invalid([:]) }
        return try decode(type, Data(buffer.readableBytesView), invalid: invalid)
    }

    /// JSON text from a body or a query parameter.
    static func decode<T: Decodable>(_ type: T.Type, _ data: Data,
                                     invalid: ([String: String]) -> APIError) throws(APIError) -> T {
        do {
            return try CustomerJSON.decoder().decode(type, from: DuplicateKeys.resolve(data))
        } catch let error as DecodingError {
            throw invalid(DecodingProblem.details(error))
        } catch {
            throw invalid([:])
        }
    }
}
