import Foundation
import Testing
import TestSupport

/// The runner itself: the hang guard that the bare-command test relies on really fires.
@Suite struct HarnessTests {
    @Test func aRunThatHangsIsKilledAndMarked() async throws {
        let sandbox = try Sandbox()
        // A server that takes the request and never answers, and a client willing to wait a minute.
        let (fd, port) = try LoopbackSockets.listening()
        defer { LoopbackSockets.closeSocket(fd) }
        let config = try sandbox.writeJSON("config.json", ["backend": "remote", "timeout_seconds": 60,
                                                           "url": "http://127.0.0.1:\(port)/v1"])
        let started = ContinuousClock.now
        let result = try await sandbox.run(["customers", "list", "--config", config],
                                           environment: ["FLEXPRICE_API_KEY": "sk_test_harness_123456"],
                                           timeout: .seconds(1))
        #expect(result.timedOut)
        #expect(result.status != 0)
        // Unkilled, three 60 s tries would take three minutes; a busy machine may add seconds.
        #expect(ContinuousClock.now - started < .seconds(90))
    }

    @Test func theBinaryIsFoundAndTheEnvironmentIsTheSandboxs() async throws {
        #expect(CLIBinary.path != nil)
        let sandbox = try Sandbox()
        #expect(sandbox.environment.keys.allSatisfy { !$0.hasPrefix("FLEXPRICE_") })
        #expect(sandbox.environment["HOME"]?.hasPrefix(sandbox.root) == true)
    }
}
