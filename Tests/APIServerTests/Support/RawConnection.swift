import Foundation
#if canImport(Glibc)
import Glibc
import TestSupport
#endif

/// A plain blocking TCP connection to a loopback port, for what an HTTP client library will not
/// do: send half a request, send nothing, trickle bytes, vanish mid-request. Reads wait for the
/// server (the event), bounded by `safety` only so that a broken server fails the test instead
/// of hanging it. Blocking calls belong on `BuiltBinaries.offPool`.
final class RawConnection: @unchecked Sendable {
    // @unchecked: one test drives a connection, from one thread at a time.
    private var fd: Int32

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    init(port: Int, safety: TimeInterval = 60) throws {
        // Close-on-exec: the tests spawn processes meanwhile, which must not inherit these.
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket: errno \(errno)") }
        var timeout = timeval(tv_sec: Int(safety), tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            let code = errno
            // Closed here and forgotten: deinit runs for this failed init too, and closing the
            // number again could close a descriptor some other thread has opened since.
            close()
            throw Failure(description: "connect: errno \(code)")
        }
    }

    /// False once the server has closed or reset the connection.
    @discardableResult
    func send(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return false }
            sent += n
        }
        return true
    }

    enum End: Equatable {
        /// The server closed the connection (EOF, or a reset after it).
        case closed
        /// Nothing more within the safety bound: the server kept the connection open.
        case stillOpen
    }

    /// Everything the server sends until it closes the connection.
    func readToEnd() -> (text: String, end: End) {
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n > 0 { data += buffer[0..<n]; continue }
            let code = errno
            let text = String(decoding: data, as: UTF8.self)
            if n == 0 || code == ECONNRESET { return (text, .closed) }
            return (text, .stillOpen)
        }
    }

    /// One response on a kept-alive connection (headers and a Content-Length body).
    func readResponse() -> String? {
        var data = [UInt8]()
        var byte: UInt8 = 0
        while !data.suffix(4).elementsEqual([13, 10, 13, 10]) {
            guard recv(fd, &byte, 1, 0) == 1 else { return nil }
            data.append(byte)
        }
        let head = String(decoding: data, as: UTF8.self)
        let length = head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
            .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) } ?? 0
        var body = [UInt8](repeating: 0, count: length)
        var got = 0
        while got < length {
            let n = body[got...].withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard n > 0 else { return nil }
            got += n
        }
        return head + String(decoding: body, as: UTF8.self)
    }

    func close() {
        if fd >= 0 { Glibc.close(fd) }
        fd = -1
    }

    deinit { close() }
}
