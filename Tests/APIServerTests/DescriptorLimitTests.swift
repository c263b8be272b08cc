import Foundation
import Testing
import TestSupport

/// The real binary under a small descriptor limit: it refuses a connection limit that cannot
/// fit, and with one that fits, a flood of connections past the descriptor limit is answered
/// 503 at once (it used to fill the descriptors, and then every accept failed with EMFILE),
/// while connected clients keep working, and the server accepts again afterwards.
@Suite("Descriptor limit", .serialized)
struct DescriptorLimitTests {
    @Test func aConnectionLimitThatCannotFitIsRefusedAtStart() async throws {
        let folder = TestFolder()
        let binary = try BuiltBinaries.path("flexprice-console-api")
        let result = try await BuiltBinaries.output("/bin/sh", [
            "-c", "ulimit -n 128 && exec \"$0\" \"$@\"", binary, "--port", "0", "--db", folder.file("c.sqlite"),
        ], environment: ["XDG_CONFIG_HOME": folder.path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("max_connections 1000 needs"), "\(result.stderr)")
    }

    @Test func aFloodPastTheDescriptorLimitIsRefusedAndTheServerLivesOn() async throws {
        let folder = TestFolder()
        let server = try await BuiltBinaries.offPool {
            try ServerProcess(database: folder.file("c.sqlite"), keys: nil, folder: folder,
                              extraArguments: ["--max-connections", "8", "--header-timeout", "600",
                                               "--idle-timeout", "600"],
                              descriptorLimit: 160)
        }
        defer { server.stop() }
        let port = server.port
        let health = "GET /health HTTP/1.1\r\nHost: test\r\n\r\n"
        let outcome = try await BuiltBinaries.offPool { () -> (admitted: Int, stillServed: Bool, refused: Int, after: Bool) in
            // Eight clients, each surely counted in: each has had its answer.
            var clients: [RawConnection] = []
            for _ in 0..<8 {
                let client = try RawConnection(port: port)
                client.send(health)
                if client.readResponse()?.hasPrefix("HTTP/1.1 200") == true { clients.append(client) }
            }
            // 160 more: with the eight, more than the 160 descriptors the server may open.
            let flood = try (0..<160).map { _ in try RawConnection(port: port) }
            clients[0].send(health)
            let stillServed = clients[0].readResponse()?.hasPrefix("HTTP/1.1 200") == true
            var refused = 0
            for connection in flood {
                // Stop at the first one not refused: it would wait for the safety bound.
                guard connection.readToEnd().text.hasPrefix("HTTP/1.1 503") else { break }
                refused += 1
                connection.close()
            }
            flood.forEach { $0.close() }
            clients.forEach { $0.close() }
            // Served again once the server has seen the closes: try while it refuses (boundedly).
            var after = false
            for _ in 0..<1000 {
                let client = try RawConnection(port: port)
                client.send(health)
                let answer = client.readResponse()
                after = answer?.hasPrefix("HTTP/1.1 200") == true
                if after || answer?.hasPrefix("HTTP/1.1 503") != true { break }
                usleep(10_000)
            }
            return (clients.count, stillServed, refused, after)
        }
        #expect(outcome.admitted == 8)
        #expect(outcome.stillServed, "a connected client is still served during the flood")
        #expect(outcome.refused == 160)
        #expect(outcome.after, "the server accepts connections after the flood")
    }
}
