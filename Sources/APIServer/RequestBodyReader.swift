import CustomerKit
import Foundation
import Hummingbird

/// Reads a JSON request body of at most `APIServer.maxBodyBytes` (413 beyond that, before the
/// rest is read) and decodes it. Malformed JSON, a wrong type or an empty body are answered
/// with `invalid`, the live server's words for the route.
enum RequestBodyReader {
    static func decode<T: Decodable>(_ type: T.Type, _ request: Request, invalid: APIError) async throws -> T {
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > APIServer.maxBodyBytes {
            throw APIError.tooLarge
        }
        let buffer = try await request.body.collect(upTo: APIServer.maxBodyBytes)
        guard buffer.readableBytes > 0 else { throw invalid }
        do {
            return try CustomerJSON.decoder().decode(type, from: Data(buffer.readableBytesView))
        } catch {
            throw invalid
        }
    }
}
