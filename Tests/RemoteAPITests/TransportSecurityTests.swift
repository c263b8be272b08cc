import CustomerKit
import Foundation
import Testing
@testable import RemoteAPI
import TestSupport

/// The key and customer data never cross the network in clear text or to an unverified server.
@Suite struct TransportSecurityTests {
    @Test(arguments: ["http://api.example.invalid/v1", "HTTP://10.0.0.8:8080/v1", "http://127.0.0.1.example.invalid/v1",
                      "http://[2001:db8::1]:8080/v1"])
    func plainHTTPToAnotherMachineIsRefusedBeforeAnythingIsSent(url: String) async throws {
        let configuration = RemoteConfiguration(baseURL: url, apiKey: TestKeys.apiKey)
        // Checked first, so that a broken check never sends anything off this machine.
        let problem = try #require(configuration.insecureTransportProblem)
        let host = try #require(URLComponents(string: url)?.host)
        #expect(problem.contains(host), "\(problem)")
        #expect(problem.contains("--allow-insecure-http"))
        #expect(problem.contains("https://"))
        do throws(CustomerError) {
            _ = try await RemoteCustomerClient(configuration: configuration).customer(id: "cust_1")
            Issue.record("expected an error")
        } catch {
            #expect(error == .transport(.secureConnectionFailed, message: problem))
            #expect(!error.message.contains(TestKeys.apiKey))
        }
    }

    @Test func theOperatorMayAllowPlainHTTPExplicitly() {
        var configuration = RemoteConfiguration(baseURL: "http://billing.internal/v1")
        #expect(configuration.insecureTransportProblem != nil)
        configuration.allowInsecureHTTP = true
        #expect(configuration.insecureTransportProblem == nil)
        #expect(configuration.description.contains("allowInsecureHTTP: true"))
        #expect(RemoteConfiguration(baseURL: "https://billing.internal/v1").insecureTransportProblem == nil)
    }

    @Test(arguments: [
        ("localhost", true), ("LOCALHOST", true), ("localhost.", true), ("127.0.0.1", true), ("127.255.3.9", true),
        ("::1", true), ("[::1]", true), ("0:0:0:0:0:0:0:1", true), ("::ffff:127.0.0.1", true),
        ("128.0.0.1", false), ("10.0.0.1", false), ("0.0.0.0", false), ("127.1", false), ("127.0.0.1.nip.io", false),
        ("localhost.example.com", false), ("foo.localhost", false), ("::2", false), ("::ffff:10.0.0.1", false),
        ("example.com", false), ("", false),
    ])
    func onlyThisMachineCountsAsLoopback(host: String, loopback: Bool) {
        #expect(LoopbackHost.isLoopback(host) == loopback)
    }

    @Test func plainHTTPToLoopbackIsAllowed() async throws {
        try await withFaultServer({ _, _ in .json(200, Fixtures.customer()) }) { server in
            for host in ["127.0.0.1", "localhost"] {
                let client = RemoteCustomerClient(configuration: RemoteConfiguration(
                    baseURL: "http://\(host):\(server.port)/v1", apiKey: TestKeys.apiKey))
                let customer = try await client.customer(id: "cust_1")
                #expect(customer.id == Fixtures.customerID)
            }
        }
    }

    /// A real TLS server on the loopback with a self-signed certificate: the client must
    /// refuse it. Needs the `openssl` command; without it the test says so and passes.
    @Test func aServerWithAnUntrustedCertificateIsRefused() async throws {
        guard let server = try await SelfSignedTLSServer.start() else {
            print("note: openssl not found; the untrusted-certificate test did not run")
            return
        }
        let client = RemoteCustomerClient(configuration: RemoteConfiguration(
            baseURL: "https://127.0.0.1:\(server.port)/v1", apiKey: TestKeys.apiKey), retryPolicy: .instant)
        do throws(CustomerError) {
            _ = try await client.customer(id: "cust_1")
            Issue.record("an untrusted certificate was accepted")
        } catch {
            if case .transport(.secureConnectionFailed, let message) = error {
                #expect(message.contains("127.0.0.1:\(server.port)"))
            } else {
                Issue.record("\(error)")
            }
        }
        await server.stop()
    }

    /// Code-level guard: nothing in RemoteAPI handles authentication challenges or server
    /// trust, the only ways URLSession could be told to accept an unverified certificate.
    @Test func noCodeInRemoteAPIOverridesCertificateChecks() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/RemoteAPI")
        let files = try FileManager.default.contentsOfDirectory(atPath: sources.path).filter { $0.hasSuffix(".swift") }
        #expect(files.count > 5)
        for file in files {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            for forbidden in ["URLAuthenticationChallenge", "didReceive challenge", "serverTrust", "SecTrust",
                              "useCredential", "performDefaultHandling", "cancelAuthenticationChallenge",
                              "rejectProtectionSpace", "CURLOPT_SSL", "allowInsecureTLS", "insecureSkipVerify"] {
                #expect(!text.contains(forbidden), "\(file) mentions \(forbidden)")
            }
        }
    }
}

struct TLSServerDidNotStart: Error, CustomStringConvertible {
    let output: String
    var description: String { "openssl s_server did not say it listens; it printed: \(output)" }
}

/// `openssl s_server` with a fresh self-signed certificate for 127.0.0.1.
struct SelfSignedTLSServer {
    let process: ChildProcess
    /// openssl's stdout, kept open while it runs.
    let output: FileHandle
    let port: Int
    let directory: URL

    /// Starts it on a thread of its own: making the key and waiting for openssl block, and
    /// must not hold up the test runner's few cooperative threads (the cancellation tests
    /// time how fast a cancelled task resumes).
    static func start() async throws -> SelfSignedTLSServer? {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try startBlocking() }) }.start()
        }
    }

    private static func startBlocking() throws -> SelfSignedTLSServer? {
        guard let openssl = ["/usr/bin/openssl", "/usr/local/bin/openssl", "/opt/homebrew/bin/openssl"]
            .first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return nil }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let key = directory.appendingPathComponent("key.pem").path
        let cert = directory.appendingPathComponent("cert.pem").path
        let make = try ChildProcess(openssl, ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                                              "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=127.0.0.1",
                                              "-addext", "subjectAltName=IP:127.0.0.1"])
        guard make.wait() == 0 else { return nil }

        let pipe = try ChildProcess.pipe()
        let server = try ChildProcess(openssl, ["s_server", "-accept", "127.0.0.1:0", "-cert", cert, "-key", key, "-www"],
                                      stdout: pipe.write)
        close(pipe.write)
        let output = FileHandle(fileDescriptor: pipe.read, closeOnDealloc: true)
        // It prints "ACCEPT 127.0.0.1:<port>" once listening.
        var text = ""
        // Waits for openssl's line, not for an amount of time: the bound is only for an openssl
        // that never says it listens (then the test fails rather than passing without a server).
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline, !text.components(separatedBy: "\n").dropLast().contains(where: { $0.hasPrefix("ACCEPT") }) {
            let chunk = output.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("ACCEPT") }),
              let port = line.split(separator: ":").last.flatMap({ Int($0) }) else {
            server.send(SIGKILL)
            server.wait()
            throw TLSServerDidNotStart(output: text)
        }
        return SelfSignedTLSServer(process: server, output: output, port: port, directory: directory)
    }

    /// SIGKILL: openssl's s_server has nothing to save.
    func stop() async {
        let (process, directory) = (process, directory)
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            Thread {
                process.send(SIGKILL)
                process.wait()
                try? FileManager.default.removeItem(at: directory)
                continuation.resume()
            }.start()
        }
    }
}
