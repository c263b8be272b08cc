import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether a URL's host is this machine, where plain http cannot be read by anyone else:
/// `localhost`, an IPv4 address in 127.0.0.0/8, or `::1` (also IPv4-mapped 127.x).
///
/// Only literal addresses and the name `localhost` count. Anything else (`127.0.0.1.example`,
/// `127.1`, `foo.localhost`, a name that happens to resolve to 127.0.0.1) is not trusted to
/// stay on the machine.
enum LoopbackHost {
    static func isLoopback(_ host: String) -> Bool {
        var name = host.lowercased()
        if name.hasPrefix("[") && name.hasSuffix("]") { name = String(name.dropFirst().dropLast()) }
        if name.hasSuffix(".") { name.removeLast() }
        if name == "localhost" { return true }
        var v4 = in_addr()
        if name.split(separator: ".", omittingEmptySubsequences: false).count == 4,
           inet_pton(AF_INET, name, &v4) == 1 {
            return UInt32(bigEndian: v4.s_addr) >> 24 == 127
        }
        var v6 = in6_addr()
        guard !name.contains("%"), inet_pton(AF_INET6, name, &v6) == 1 else { return false }
        let bytes = withUnsafeBytes(of: &v6) { Array($0) }
        if bytes[0..<15].allSatisfy({ $0 == 0 }) && bytes[15] == 1 { return true }  // ::1
        // ::ffff:127.x.y.z
        return bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xFF && bytes[11] == 0xFF && bytes[12] == 127
    }
}
