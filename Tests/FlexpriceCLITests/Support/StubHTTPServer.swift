import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A tiny HTTP/1.1 server on 127.0.0.1 for the remote backend's tests: one thread, one
/// connection at a time, `Connection: close`. Each request is recorded and answered by the
/// handler. Stop it when done (the sandbox's tests do so in a `defer`).
final class StubHTTPServer: Sendable {
    struct Request: Sendable {
        let method: String
        /// The request target: path and query, e.g. `/v1/customers/search`.
        let target: String
        /// Header names in lower case.
        let headers: [String: String]
        let body: Data
    }

    struct Response: Sendable {
        var status: Int
        var body: String
        static func json(_ status: Int, _ body: String) -> Response { Response(status: status, body: body) }
    }

    let port: UInt16
    private let fd: Int32
    private let recorded = Mutex<[Request]>([])

    var requests: [Request] { recorded.withLock { $0 } }
    var baseURL: String { "http://127.0.0.1:\(port)/v1" }

    init(_ handler: @escaping @Sendable (Request) -> Response) throws {
        (fd, port) = try Self.listeningSocket()
        let fd = fd
        let thread = Thread { [self] in
            while true {
                let client = accept(fd, nil, nil)
                if client < 0 { return }  // stopped
                if let request = Self.readRequest(client) {
                    recorded.withLock { $0.append(request) }
                    Self.send(handler(request), to: client)
                }
                close(client)
            }
        }
        thread.start()
    }

    func stop() { Self.closeSocket(fd) }

    enum StubError: Error { case socket(Int32), bind(Int32) }

    /// A TCP socket listening on a free loopback port. Connections to it complete (the kernel
    /// accepts them into the backlog) even if nobody ever calls `accept`: a server that takes
    /// the request and never answers. Close the descriptor with `closeSocket`.
    static func listeningSocket() throws -> (fd: Int32, port: UInt16) {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw StubError.socket(errno) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        #if canImport(Darwin)
        setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &yes, socklen_t(MemoryLayout<Int32>.size))
        #endif
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else {
            close(fd)
            throw StubError.bind(errno)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return (fd, UInt16(bigEndian: address.sin_port))
    }

    static func closeSocket(_ fd: Int32) {
        shutdown(fd, Int32(SHUT_RDWR))
        close(fd)
    }

    private static func readRequest(_ client: Int32) -> Request? {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        let separator = Data("\r\n\r\n".utf8)
        var headerEnd: Range<Data.Index>?
        var expected = Int.max
        while data.count < expected {
            let n = read(client, &buffer, buffer.count)
            if n <= 0 { break }
            data.append(contentsOf: buffer[0..<n])
            if headerEnd == nil, let end = data.range(of: separator) {
                headerEnd = end
                let head = String(decoding: data[..<end.lowerBound], as: UTF8.self)
                let length = head.split(separator: "\r\n").compactMap { line -> Int? in
                    let parts = line.split(separator: ":", maxSplits: 1)
                    guard parts.count == 2, parts[0].lowercased() == "content-length" else { return nil }
                    return Int(parts[1].trimmingCharacters(in: .whitespaces))
                }.first ?? 0
                expected = end.upperBound + length
            }
        }
        guard let headerEnd else { return nil }
        let lines = String(decoding: data[..<headerEnd.lowerBound], as: UTF8.self).split(separator: "\r\n")
        let requestLine = lines.first?.split(separator: " ") ?? []
        guard requestLine.count >= 2 else { return nil }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2 { headers[parts[0].lowercased()] = parts[1].trimmingCharacters(in: .whitespaces) }
        }
        return Request(method: String(requestLine[0]), target: String(requestLine[1]), headers: headers,
                       body: Data(data[headerEnd.upperBound...]))
    }

    private static func send(_ response: Response, to client: Int32) {
        let body = Data(response.body.utf8)
        var head = "HTTP/1.1 \(response.status) Stub\r\nConnection: close\r\nContent-Length: \(body.count)\r\n"
        if !body.isEmpty { head += "Content-Type: application/json\r\n" }
        let bytes = Data((head + "\r\n").utf8) + body
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                // MSG_NOSIGNAL: a client that hung up must not kill the test runner with SIGPIPE.
                #if canImport(Glibc)
                let n = Glibc.send(client, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                #else
                let n = Darwin.send(client, raw.baseAddress! + offset, raw.count - offset, 0)
                #endif
                if n <= 0 { return }
                offset += n
            }
        }
    }
}
