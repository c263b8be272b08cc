import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Raw loopback sockets for the test servers, and for the failures an HTTP server library will
/// not produce on purpose: a port where nothing listens, a server that hangs up without
/// answering, one that takes the request and never answers.
public enum LoopbackSockets {
    /// A TCP socket bound to 127.0.0.1 on a free port but not listening: connecting to that
    /// port is refused, and keeping it bound stops anything else from taking the port.
    /// Close the descriptor when done.
    public static func boundButNotListening() throws -> (fd: Int32, port: UInt16) {
        let fd = try makeBoundSocket()
        return (fd, try port(of: fd))
    }

    /// Accepts connections on a free port and closes each one after reading the request's
    /// first bytes, without sending anything back. Close the descriptor to stop.
    public static func hangUpServer() throws -> (fd: Int32, port: UInt16) {
        let (fd, port) = try listening()
        let thread = Thread {
            while true {
                let client = accept(fd, nil, nil)
                if client < 0 { return }  // the listening socket was closed
                var buffer = [UInt8](repeating: 0, count: 1024)
                _ = read(client, &buffer, buffer.count)
                close(client)
            }
        }
        thread.start()
        return (fd, port)
    }

    /// A socket listening on 127.0.0.1 and a free port. Connections to it complete (the kernel
    /// accepts them into the backlog) even if nobody ever calls `accept`: a server that takes
    /// the request and never answers.
    public static func listening() throws -> (fd: Int32, port: UInt16) {
        let fd = try makeBoundSocket()
        guard listen(fd, 64) == 0 else {
            close(fd)
            throw SocketFailure.listen(errno)
        }
        return (fd, try port(of: fd))
    }

    public static func closeSocket(_ fd: Int32) {
        shutdown(fd, Int32(SHUT_RDWR))
        close(fd)
    }

    /// Writes everything it can; a client that went away is not an error here, and never
    /// kills the test runner with SIGPIPE.
    public static func sendAll(_ bytes: [UInt8], to fd: Int32) {
        var offset = 0
        while offset < bytes.count {
            #if canImport(Glibc)
            let sent = bytes.withUnsafeBytes { send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
            #else
            let sent = bytes.withUnsafeBytes { send(fd, $0.baseAddress! + offset, $0.count - offset, 0) }
            #endif
            if sent <= 0 { return }
            offset += sent
        }
    }

    public enum SocketFailure: Error { case socket(Int32), bind(Int32), listen(Int32), name(Int32) }

    private static func makeBoundSocket() throws -> Int32 {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw SocketFailure.socket(errno) }
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
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else {
            close(fd)
            throw SocketFailure.bind(errno)
        }
        return fd
    }

    private static func port(of fd: Int32) throws -> UInt16 {
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let result = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard result == 0 else { throw SocketFailure.name(errno) }
        return UInt16(bigEndian: address.sin_port)
    }
}
