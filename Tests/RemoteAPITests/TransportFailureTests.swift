import CustomerKit
import FlyingFox
import Foundation
import Testing
import TestSupport
@testable import RemoteAPI
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Failures to get any answer: nothing listening, no answer in time, a dropped connection.
@Suite struct TransportFailureTests {
    func client(port: UInt16, timeout: TimeInterval = 5) -> RemoteCustomerClient {
        RemoteCustomerClient(configuration: RemoteConfiguration(
            baseURL: "http://127.0.0.1:\(port)/v1", apiKey: TestKeys.apiKey, timeout: timeout), retryPolicy: .instant)
    }

    @Test func aPortWithNothingListeningIsARefusedConnectionNamingTheHost() async throws {
        let (fd, port) = try LoopbackSockets.boundButNotListening()
        defer { LoopbackSockets.closeSocket(fd) }
        do throws(CustomerError) {
            _ = try await client(port: port).customer(id: "cust_1")
            Issue.record("expected an error")
        } catch {
            guard case .transport(.connectionRefused, let message) = error else { Issue.record("\(error)"); return }
            #expect(message.contains("127.0.0.1:\(port)"))
            #expect(!message.contains(TestKeys.apiKey))
        }
    }

    /// One second: FoundationNetworking counts timeouts in whole seconds (see
    /// `HTTPTransport.effectiveTimeout`). One try, to time the timeout itself (RetryTests
    /// shows a timed-out read being tried again).
    @Test func aSlowServerTimesOutAfterTheClientsTimeout() async throws {
        try await withStub({ _ in
            try await Task.sleep(for: .seconds(30))
            return .json(200, Fixtures.customer())
        }) { stub in
            let started = ContinuousClock.now
            do throws(CustomerError) {
                _ = try await stub.client(timeout: 1, policy: .never).customer(id: "cust_1")
                Issue.record("expected an error")
            } catch {
                guard case .transport(.timedOut, let message) = error else { Issue.record("\(error)"); return }
                #expect(message.contains("127.0.0.1:\(stub.port)"))
                #expect(message.contains("timed out"))
            }
            // Not before the 1 s timeout. No upper bound: had the client not given up, it would
            // have got the answer after 30 s and no error at all.
            let elapsed = ContinuousClock.now - started
            #expect(elapsed >= .seconds(0.9), "\(elapsed)")
        }
    }

    @Test func aServerThatHangsUpIsALostConnection() async throws {
        let (fd, port) = try LoopbackSockets.hangUpServer()
        defer { LoopbackSockets.closeSocket(fd) }
        do throws(CustomerError) {
            _ = try await client(port: port).create(CreateCustomerRequest(externalID: "x", name: "X"))
            Issue.record("expected an error")
        } catch {
            guard case .transport(.connectionLost, let message) = error else { Issue.record("\(error)"); return }
            #expect(message.contains("127.0.0.1:\(port)"))
        }
    }

    @Test func anUnusableBaseURLFailsWithoutSending() async {
        for base in ["", "not a url", "ftp://example.com/v1", "https:///v1", "https://host/v1?x=1"] {
            let client = RemoteCustomerClient(configuration: RemoteConfiguration(baseURL: base, apiKey: TestKeys.apiKey))
            do throws(CustomerError) {
                _ = try await client.customer(id: "cust_1")
                Issue.record("expected an error for \(base)")
            } catch {
                #expect(error.code == "network_error", "\(base): \(error)")
                #expect(error.message.contains("FLEXPRICE_API_URL"))
            }
        }
    }

    @Test(arguments: [
        (URLError.Code.timedOut, CustomerError.TransportFailure.timedOut),
        (.cannotConnectToHost, .connectionRefused),
        (.cannotFindHost, .cannotFindHost),
        (.dnsLookupFailed, .cannotFindHost),
        (.networkConnectionLost, .connectionLost),
        (.secureConnectionFailed, .secureConnectionFailed),
        (.serverCertificateUntrusted, .secureConnectionFailed),
        (.cancelled, .cancelled),
        (.notConnectedToInternet, .other),
    ])
    func urlErrorsMapToTransportFailures(code: URLError.Code, failure: CustomerError.TransportFailure) {
        let url = URL(string: "https://us.api.flexprice.io/v1/customers/x?k=v")
        let error = TransportErrorTranslator.translate(URLError(code), url: url, timeout: 15)
        guard case .transport(let got, let message) = error else { Issue.record("\(error)"); return }
        #expect(got == failure)
        #expect(message.contains("us.api.flexprice.io"))
        #expect(!message.contains("/customers"))
    }

    @Test func timeoutsAreWholeSecondsWhereFoundationNetworkingTruncates() {
        #if canImport(FoundationNetworking)
        #expect(HTTPTransport.effectiveTimeout(for: 0.4) == 1)
        #expect(HTTPTransport.effectiveTimeout(for: 1.5) == 2)
        #endif
        #expect(HTTPTransport.effectiveTimeout(for: 15) == 15)
        #expect(HTTPTransport.effectiveTimeout(for: 0) == RemoteConfiguration.defaultTimeout)
    }

    /// On Linux, FoundationNetworking reports these as code -1 with only curl's sentence.
    @Test(arguments: [
        ("transfer closed with 95 bytes remaining to read", CustomerError.TransportFailure.connectionLost),
        ("Recv failure: Connection reset by peer", .connectionLost),
        ("SSL certificate problem: self-signed certificate", .secureConnectionFailed),
        ("SSL: no alternative certificate subject name matches target host name '127.0.0.1'", .secureConnectionFailed),
        ("something new", .other),
    ])
    func curlSentencesBehindUnknownErrorsAreRead(sentence: String, failure: CustomerError.TransportFailure) {
        let error = URLError(.unknown, userInfo: [NSLocalizedDescriptionKey: sentence])
        let translated = TransportErrorTranslator.translate(error, url: URL(string: "https://h.example/v1"), timeout: 5)
        guard case .transport(let got, let message) = translated else { Issue.record("\(translated)"); return }
        #expect(got == failure)
        #expect(message.contains("h.example"))
    }

    @Test func cancellingTheTaskIsACancelledTransport() {
        let error = TransportErrorTranslator.translate(CancellationError(), url: nil, timeout: 1)
        #expect(error.code == "cancelled")
    }
}
