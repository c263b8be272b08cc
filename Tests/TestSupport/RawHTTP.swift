import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One HTTP/1.1 request as a raw-socket test server read it: the target still
/// percent-encoded, so tests see exactly what the client put on the wire.
public struct RawHTTPRequest: Sendable {
    public let method: String
    /// The request target: path and query, e.g. `/v1/customers/search?limit=5`.
    public let target: String
    /// Header names in lower case.
    public let headers: [String: String]
    public let body: Data

    public var path: String { String(target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0]) }
    public var query: String {
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        return parts.count > 1 ? String(parts[1]) : ""
    }
}

/// The little HTTP/1.1 the raw-socket test servers speak: read one request (head and a
/// Content-Length body), write one answer that closes the connection.
public enum RawHTTP {
    /// The request line, headers and body, or nil when the client sent no complete head.
    public static func readRequest(_ fd: Int32) -> RawHTTPRequest? {
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        var headerEnd: Int?
        while headerEnd == nil {
            let count = read(fd, &buffer, buffer.count)
            if count <= 0 { return nil }
            // Search only where the new bytes can complete the separator.
            let from = max(0, data.count - 3)
            data += buffer[0..<count]
            headerEnd = endOfHead(in: data, from: from)
        }
        let headText = String(decoding: data[0..<headerEnd!], as: UTF8.self)
        var lines = headText.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ")
        guard requestLine.count >= 2 else { return nil }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Array(data[(headerEnd! + 4)...])
        let length = Int(headers["content-length"] ?? "0") ?? 0
        while body.count < length {
            let count = read(fd, &buffer, buffer.count)
            if count <= 0 { break }
            body += buffer[0..<count]
        }
        return RawHTTPRequest(method: String(requestLine[0]), target: String(requestLine[1]), headers: headers,
                              body: Data(body))
    }

    /// A status line and headers announcing `length` body bytes, on a connection that closes
    /// after the answer.
    public static func head(_ status: Int, length: Int, headers: [String: String] = [:]) -> String {
        var text = "HTTP/1.1 \(status) \(phrase(status))\r\nContent-Length: \(length)\r\nConnection: close\r\n"
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { text += "\(name): \(value)\r\n" }
        return text + "\r\n"
    }

    /// A whole answer, sent as far as the client lets it.
    public static func respond(_ status: Int, body: String, headers: [String: String] = [:], to fd: Int32) {
        LoopbackSockets.sendAll(Array((head(status, length: body.utf8.count, headers: headers) + body).utf8), to: fd)
    }

    static func phrase(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 201: "Created"
        case 204: "No Content"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 404: "Not Found"
        case 409: "Conflict"
        case 412: "Precondition Failed"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        default: "Status"
        }
    }

    private static func endOfHead(in data: [UInt8], from start: Int) -> Int? {
        guard data.count >= 4 else { return nil }
        for index in start...(data.count - 4)
        where data[index] == 13 && data[index + 1] == 10 && data[index + 2] == 13 && data[index + 3] == 10 {
            return index
        }
        return nil
    }
}
