import CustomerKit
import Foundation
import Testing
import TestSupport
@testable import RemoteAPI

/// Reads, searches, updates and deletes over a faulty network: what is tried again, how
/// often, after which waits, and what the operator is told when it still fails.
@Suite struct RetryTests {
    static let id = Fixtures.customerID

    @Test func aReadIsTriedAgainAfter502And503ThenSucceeds() async throws {
        let log = SleepLog()
        try await withFaultServer({ _, index in
            switch index {
            case 0: .respond(502, Fixtures.proxyBadGateway, headers: ["Content-Type": "text/html"])
            case 1: .json(503, #"{"code":"service_unavailable","message":"try later","http_status_code":503}"#)
            default: .json(200, Fixtures.customer())
            }
        }) { server in
            let customer = try await server.client(policy: .recording(log)).customer(id: Self.id)
            #expect(customer.id == Self.id)
            #expect(server.summary == Array(repeating: "GET /v1/customers/\(Self.id)", count: 3))
            // Exponential: 250 ms then 500 ms, each three quarters of that with the jitter at 0.5.
            #expect(log.waits == [.nanoseconds(187_500_000), .nanoseconds(375_000_000)])
        }
    }

    @Test func aReadThatKeepsFailingStopsAfterThreeTriesSayingSo() async throws {
        try await withFaultServer({ _, _ in .json(503, #"{"code":"service_unavailable","message":"Service is down","http_status_code":503}"#) }) { server in
            do throws(CustomerError) {
                _ = try await server.client().customer(externalID: "user_12345")
                Issue.record("expected an error")
            } catch {
                #expect(error == .server(code: "service_unavailable", status: 503,
                                         message: "Service is down (tried 3 times)", details: [:]))
            }
            #expect(server.requests.count == 3)
        }
    }

    @Test(arguments: [
        (400, Fixtures.invalidRequestFormat), (401, Fixtures.unauthorized), (403, Fixtures.insufficientPermissions),
        (404, Fixtures.notFoundByID), (409, Fixtures.alreadyExists), (500, Fixtures.databaseError),
        (501, #"{"code":"not_implemented","message":"no","http_status_code":501}"#),
    ])
    func answersThatWouldRepeatAreNotTriedAgain(status: Int, body: String) async throws {
        try await withFaultServer({ _, _ in .json(status, body) }) { server in
            do throws(CustomerError) {
                _ = try await server.client().customer(id: Self.id)
                Issue.record("expected an error")
            } catch {
                #expect(error.httpStatus == status)
                #expect(!error.message.contains("tried"))
            }
            #expect(server.requests.count == 1)
        }
    }

    @Test func a429IsTriedAgainAfterTheServersRetryAfter() async throws {
        let log = SleepLog()
        try await withFaultServer({ _, index in
            index == 0
                ? .json(429, #"{"code":"too_many_requests","message":"slow down","http_status_code":429}"#,
                        headers: ["Retry-After": "3"])
                : .json(200, Fixtures.customer())
        }) { server in
            _ = try await server.client(policy: .recording(log)).customer(id: Self.id)
            #expect(server.requests.count == 2)
            #expect(log.waits == [.seconds(3)])
        }
    }

    @Test func aRetryAfterBeyondTheCapEndsTheTriesAndSaysWhy() async throws {
        try await withFaultServer({ _, _ in
            .json(429, #"{"code":"too_many_requests","message":"Rate limit exceeded","http_status_code":429}"#,
                  headers: ["Retry-After": "120"])
        }) { server in
            do throws(CustomerError) {
                _ = try await server.client().list(CustomerQuery())
                Issue.record("expected an error")
            } catch {
                #expect(error.code == "too_many_requests")
                #expect(error.message.contains("asked to wait 120 s"), "\(error.message)")
                #expect(error.message.contains("10 s"), "\(error.message)")
            }
            #expect(server.requests.count == 1)
        }
    }

    @Test func aConnectionDroppedMidAnswerIsTriedAgain() async throws {
        let body = Fixtures.customer()
        try await withFaultServer({ _, index in
            index == 0 ? .truncate(200, body, sentBytes: 40) : .json(200, body)
        }) { server in
            let customer = try await server.client().customer(id: Self.id)
            #expect(customer.externalID == "user_12345")
            #expect(server.requests.count == 2)
        }
    }

    @Test func answersAlwaysCutOffEndAsALostConnectionAfterThreeTries() async throws {
        try await withFaultServer({ _, _ in .truncate(200, Fixtures.customer(), sentBytes: 10) }) { server in
            do throws(CustomerError) {
                _ = try await server.client().customer(id: Self.id)
                Issue.record("expected an error")
            } catch {
                guard case .transport(.connectionLost, let message) = error else { Issue.record("\(error)"); return }
                #expect(message.contains("127.0.0.1:\(server.port)"))
                #expect(message.contains("tried 3 times"))
            }
            #expect(server.requests.count == 3)
        }
    }

    /// The first answer never comes, so the first try can only end by the client's timeout;
    /// every later one is answered at once. Two seconds (FoundationNetworking counts timeouts in
    /// whole seconds), and room for more tries than two: on a loaded machine an immediate answer
    /// may itself miss a short timeout, which is the same behaviour again, not a failure.
    @Test func aReadThatTimedOutIsTriedAgain() async throws {
        try await withFaultServer({ _, index in
            index == 0 ? .neverAnswer : .json(200, Fixtures.customer())
        }) { server in
            let customer = try await server.client(timeout: 2, policy: .recording(SleepLog(), maxAttempts: 10))
                .customer(id: Self.id)
            #expect(customer.id == Self.id)  // only a later try can have answered
            #expect(server.requests.count >= 2)
            #expect(Set(server.summary) == ["GET /v1/customers/\(Self.id)"])
            // The client gave the first try up (closed its connection), not the server.
            #expect(await server.wait { $0.abandoned.contains(0) })
        }
    }

    /// An answer later than a whole second but well within the timeout is waited for and taken:
    /// the timeout is not cut short (FoundationNetworking drops fractions; see
    /// `HTTPTransport.effectiveTimeout`). The timeout is far above the wait so that a busy
    /// machine's extra seconds never turn this into a timeout.
    @Test func aSlowAnswerWithinTheTimeoutIsTakenOnce() async throws {
        try await withFaultServer({ _, _ in .delay(.milliseconds(1_200), .json(200, Fixtures.customer())) }) { server in
            let customer = try await server.client(timeout: 60).customer(id: Self.id)
            #expect(customer.id == Self.id)
            #expect(server.requests.count == 1)
            #expect(server.abandoned.isEmpty)
        }
    }

    @Test(arguments: [#"{"id":"cust_1","external_id":"#, "<html>oops</html>", "", #"{"items":"nope"}"#])
    func aMalformedBodyOn200IsAClearErrorAndNotRepeated(body: String) async throws {
        try await withFaultServer({ _, _ in .json(200, body) }) { server in
            do throws(CustomerError) {
                _ = try await server.client().customer(id: Self.id)
                Issue.record("expected an error")
            } catch {
                guard case .invalidResponse(200, let message) = error else { Issue.record("\(error)"); return }
                #expect(message.contains("not a customer"), "\(message)")
            }
            do throws(CustomerError) {
                _ = try await server.client().list(CustomerQuery())
                Issue.record("expected an error")
            } catch {
                #expect(error.code == "invalid_response")
                #expect(error.message.contains("not a customer list"), "\(error.message)")
            }
            #expect(server.requests.count == 2)
        }
    }

    @Test func aRefusedConnectionIsTriedAgainThenReported() async throws {
        let (fd, port) = try LoopbackSockets.boundButNotListening()
        defer { LoopbackSockets.closeSocket(fd) }
        let log = SleepLog()
        let client = RemoteCustomerClient(
            configuration: RemoteConfiguration(baseURL: "http://127.0.0.1:\(port)/v1", apiKey: TestKeys.apiKey),
            retryPolicy: .recording(log))
        do throws(CustomerError) {
            _ = try await client.customer(id: Self.id)
            Issue.record("expected an error")
        } catch {
            guard case .transport(.connectionRefused, let message) = error else { Issue.record("\(error)"); return }
            #expect(message.contains("tried 3 times"), "\(message)")
        }
        #expect(log.waits.count == 2)
    }

    @Test func searchesAreTriedAgain() async throws {
        try await withFaultServer({ _, index in
            index == 0 ? .hangUp : .json(200, Fixtures.list([Fixtures.customer()], total: 1, limit: 50, requestOffset: 0))
        }) { server in
            let page = try await server.client().list(CustomerQuery())
            #expect(page.items.count == 1)
            #expect(server.summary == ["POST /v1/customers/search", "POST /v1/customers/search"])
        }
    }

    @Test func theTotalTimeLimitStopsTriesThatTheCountWouldAllow() async throws {
        let log = SleepLog()
        try await withFaultServer({ _, _ in .respond(502, "bad gateway") }) { server in
            do throws(CustomerError) {
                _ = try await server.client(policy: .recording(log, maxAttempts: 10, maxTotalTime: .milliseconds(100)))
                    .customer(id: Self.id)
                Issue.record("expected an error")
            } catch {
                #expect(error.httpStatus == 502)
                #expect(error.message.contains("another try would pass the 0.1 s limit"), "\(error.message)")
            }
            #expect(server.requests.count == 1)
            #expect(log.waits.isEmpty)
        }
    }

    // MARK: - Updates and deletes

    @Test func anUpdateIsRepeatedWithTheSameBodyAfterADroppedConnection() async throws {
        let server = ServerCustomers([.init(id: Self.id, externalID: "user_12345", name: "Old", email: "a@b.co",
                                            createdAt: ServerCustomers.now())])
        try await withFaultServer({ request, index in
            let honest = server.handle(request)
            return index == 0 ? .hangUp : honest
        }) { faults in
            let updated = try await faults.client().update(.id(Self.id), UpdateCustomerRequest(name: "New"))
            #expect(updated.name == "New")
            #expect(faults.summary == ["PUT /v1/customers/\(Self.id)", "PUT /v1/customers/\(Self.id)"])
            #expect(faults.requests[0].body == faults.requests[1].body)
            #expect(server.rows.map(\.name) == ["New"])
        }
    }

    @Test func anUpdateThatRenamesTheExternalIDItIsAddressedByIsNotRepeated() async throws {
        try await withFaultServer({ _, _ in .respond(503, "") }) { server in
            do throws(CustomerError) {
                _ = try await server.client().update(.externalID("old-key"), UpdateCustomerRequest(externalID: "new-key"))
                Issue.record("expected an error")
            } catch {
                #expect(error.httpStatus == 503)
            }
            #expect(server.requests.count == 1)
            // Without a rename it is repeated like any update.
            _ = try? await server.client().update(.externalID("old-key"), UpdateCustomerRequest(name: "Renamed"))
            #expect(server.requests.count == 4)
        }
    }

    @Test func aDeleteWhoseAnswerWasLostIsDoneWhenTheCustomerIsArchived() async throws {
        let server = ServerCustomers([.init(id: Self.id, externalID: "user_12345", name: "Acme", email: "a@b.co",
                                            createdAt: ServerCustomers.now())])
        try await withFaultServer({ request, index in
            let honest = server.handle(request)
            return index == 0 ? .hangUp : honest  // deleted, but the answer never came
        }) { faults in
            try await faults.client().delete(id: Self.id)
            #expect(faults.summary == ["DELETE /v1/customers/\(Self.id)", "DELETE /v1/customers/\(Self.id)",
                                       "GET /v1/customers/\(Self.id)"])
            #expect(server.rows.map(\.status) == ["archived"])
        }
    }

    @Test func aDeleteOfAnAlreadyDeletedCustomerIsStillAnError() async throws {
        let server = ServerCustomers([.init(id: Self.id, externalID: "user_12345", name: "Acme", email: "a@b.co",
                                            status: "archived", createdAt: ServerCustomers.now())])
        try await withFaultServer({ request, _ in server.handle(request) }) { faults in
            do throws(CustomerError) {
                try await faults.client().delete(id: Self.id)
                Issue.record("expected an error")
            } catch {
                #expect(error == .notFound(message: "Customer does not exist", details: [:]))
            }
            #expect(faults.requests.count == 1)
        }
    }

    @Test func aRepeatedDeleteAnswering404IsAnErrorWhenTheCustomerIsNotArchived() async throws {
        try await withFaultServer({ request, index in
            switch (request.method, index) {
            case ("DELETE", 0): .respond(504, "")
            case ("DELETE", _): .json(404, ServerCustomers.doesNotExist)
            default: .json(200, Fixtures.customer(status: "published"))
            }
        }) { server in
            do throws(CustomerError) {
                try await server.client().delete(id: Self.id)
                Issue.record("expected an error")
            } catch {
                #expect(error.code == "not_found")
            }
            #expect(server.summary.last == "GET /v1/customers/\(Self.id)")
        }
    }

    // MARK: - The policy itself

    @Test func backoffDoublesUpToTheCapWithJitterBetweenHalfAndAll() {
        let low = RetryPolicy(baseDelay: .milliseconds(100), maxDelay: .milliseconds(350), random: { 0 })
        let high = RetryPolicy(baseDelay: .milliseconds(100), maxDelay: .milliseconds(350), random: { 1 })
        #expect((2...5).map(low.backoff(beforeAttempt:)) == [.milliseconds(50), .milliseconds(100),
                                                                 .milliseconds(175), .milliseconds(175)])
        #expect((2...5).map(high.backoff(beforeAttempt:)) == [.milliseconds(100), .milliseconds(200),
                                                                  .milliseconds(350), .milliseconds(350)])
        let standard = RetryPolicy.standard
        for attempt in 2...10 {
            let wait = standard.backoff(beforeAttempt: attempt)
            #expect(wait > .zero && wait <= standard.maxDelay)
        }
    }

    @Test func retryAfterIsReadAsSecondsOrAnHTTPDate() {
        let now = Date(timeIntervalSince1970: 1_780_000_000)
        #expect(RetryAfter.parse("7", now: now) == .seconds(7))
        #expect(RetryAfter.parse(" 0 ", now: now) == .zero)
        #expect(RetryAfter.parse("-3", now: now) == .zero)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        #expect(RetryAfter.parse(formatter.string(from: now.addingTimeInterval(12)), now: now) == .seconds(12))
        #expect(RetryAfter.parse("soon", now: now) == nil)
        #expect(RetryAfter.parse(nil, now: now) == nil)
    }
}
