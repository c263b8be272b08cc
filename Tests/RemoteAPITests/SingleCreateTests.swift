import CustomerKit
import Foundation
import Testing
@testable import RemoteAPI

/// One create makes one customer, whatever the network does to its answer.
@Suite struct SingleCreateTests {
    static let request = CreateCustomerRequest(externalID: "acct-42", name: "Acme", email: "billing@acme.com")
    static let post = "POST /v1/customers"
    static let lookup = "GET /v1/customers/external/acct-42"

    /// The server creates the customer and never answers, so the try ends by the client's
    /// timeout (two seconds: FoundationNetworking counts whole seconds). The lookup is a read
    /// and so is tried again should it, too, miss the short timeout on a loaded machine; what
    /// must hold is one customer and one POST.
    @Test func aCreateThatTimedOutButSucceededYieldsExactlyOneCustomer() async throws {
        let server = ServerCustomers()
        try await withFaultServer({ request, index in
            let honest = server.handle(request)
            return index == 0 ? .neverAnswer : honest
        }) { faults in
            let created = try await faults.client(timeout: 2, policy: .recording(SleepLog(), maxAttempts: 10))
                .create(Self.request)
            #expect(server.rows.count == 1)
            #expect(created.id == server.rows.first?.id)
            #expect(created.name == "Acme")
            #expect(faults.summary.first == Self.post)
            #expect(faults.summary.count >= 2)
            #expect(faults.summary.dropFirst().allSatisfy { $0 == Self.lookup }, "\(faults.summary)")
            #expect(await faults.wait { $0.abandoned.contains(0) })
        }
    }

    @Test(arguments: [Fault.hangUp, .truncate(201, "", sentBytes: 0), .respond(502, "bad gateway"),
                      .respond(503, ""), .respond(504, "")])
    func anAmbiguousFailureAfterTheServerCreatedItReturnsThatCustomer(fault: Fault) async throws {
        let server = ServerCustomers()
        try await withFaultServer({ request, index in
            let honest = server.handle(request)
            guard index == 0 else { return honest }
            if case .truncate(let status, _, _) = fault, case .respond(_, let body, _) = honest {
                return .truncate(status, body, sentBytes: body.utf8.count / 2)  // cut mid-body
            }
            return fault
        }) { faults in
            let created = try await faults.client().create(Self.request)
            #expect(server.rows.count == 1)
            #expect(created.id == server.rows.first?.id)
            #expect(faults.summary == [Self.post, Self.lookup])
        }
    }

    @Test func whenNothingWasCreatedTheCreateIsTriedAgainOnce() async throws {
        let server = ServerCustomers()
        try await withFaultServer({ request, index in
            index == 0 ? .respond(502, "upstream gone") : server.handle(request)  // 502 before the server saw it
        }) { faults in
            let created = try await faults.client().create(Self.request)
            #expect(server.rows.count == 1)
            #expect(created.id == server.rows.first?.id)
            #expect(faults.summary == [Self.post, Self.lookup, Self.post])
        }
    }

    /// The lookup reads a replica that has not seen the first try's customer yet, so the
    /// create is tried again and meets a 409: that must resolve to the first try's customer.
    @Test func a409OnTheSecondTryResolvesToTheFirstTrysCustomer() async throws {
        let server = ServerCustomers()
        try await withFaultServer({ request, index in
            let honest = server.handle(request)
            switch index {
            case 0: return .hangUp                                            // created; answer lost
            case 1: return .json(404, ServerCustomers.notFoundByLookupKey("acct-42"))  // stale replica
            default: return honest                                            // 409, then found
            }
        }) { faults in
            let created = try await faults.client().create(Self.request)
            #expect(server.rows.count == 1)
            #expect(created.id == server.rows.first?.id)
            #expect(faults.summary == [Self.post, Self.lookup, Self.post, Self.lookup])
        }
    }

    @Test func aFirstTry409IsAPlainConflict() async throws {
        let server = ServerCustomers([.init(id: "cust_OLD", externalID: "acct-42", name: "Acme", email: "billing@acme.com",
                                            createdAt: ServerCustomers.now())])
        try await withFaultServer({ request, _ in server.handle(request) }) { faults in
            do throws(CustomerError) {
                _ = try await faults.client().create(Self.request)
                Issue.record("expected an error")
            } catch {
                #expect(error.code == "already_exists")
            }
            #expect(faults.summary == [Self.post])
        }
    }

    @Test func aDifferentCustomerUnderTheExternalIDIsAConflictNotASuccess() async throws {
        let server = ServerCustomers([.init(id: "cust_THEIRS", externalID: "acct-42", name: "Someone Else",
                                            email: "x@y.co", createdAt: ServerCustomers.now())])
        try await withFaultServer({ request, index in index == 0 ? .respond(504, "") : server.handle(request) }) { faults in
            do throws(CustomerError) {
                _ = try await faults.client().create(Self.request)
                Issue.record("expected an error")
            } catch {
                guard case .alreadyExists(let message, let details) = error else { Issue.record("\(error)"); return }
                #expect(message.contains("cust_THEIRS"), "\(message)")
                #expect(details.keys.sorted() == ["external_id"])
            }
            #expect(faults.summary == [Self.post, Self.lookup])
            #expect(server.rows.count == 1)
        }
    }

    @Test func anOldCustomerWithEqualFieldsIsNotTakenForThisCreate() async throws {
        let old = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-86_400))
        let server = ServerCustomers([.init(id: "cust_YESTERDAY", externalID: "acct-42", name: "Acme",
                                            email: "billing@acme.com", createdAt: old)])
        try await withFaultServer({ request, index in index == 0 ? .hangUp : server.handle(request) }) { faults in
            do throws(CustomerError) {
                _ = try await faults.client().create(Self.request)
                Issue.record("expected an error")
            } catch {
                #expect(error.code == "already_exists")
            }
        }
    }

    @Test func whenTheLookupFailsTooTheCreateIsNotRepeatedAndTheOutcomeIsUnknown() async throws {
        try await withFaultServer({ request, _ in
            request.method == "POST" ? .hangUp : .json(500, Fixtures.databaseError)
        }) { faults in
            do throws(CustomerError) {
                _ = try await faults.client().create(Self.request)
                Issue.record("expected an error")
            } catch {
                guard case .transport(.connectionLost, let message) = error else { Issue.record("\(error)"); return }
                #expect(message.contains("whether the customer was created is unknown"), "\(message)")
                #expect(message.contains("acct-42"))
            }
            #expect(faults.summary == [Self.post, Self.lookup])
        }
    }

    @Test func aCreateThatNeverGetsThroughSaysItWasNotCreated() async throws {
        let server = ServerCustomers()
        try await withFaultServer({ request, _ in
            request.method == "POST" ? .respond(503, "") : server.handle(request)
        }) { faults in
            do throws(CustomerError) {
                _ = try await faults.client().create(Self.request)
                Issue.record("expected an error")
            } catch {
                #expect(error.httpStatus == 503)
                #expect(error.message.contains("tried 3 times"), "\(error.message)")
                #expect(error.message.contains("the customer was not created (checked by external ID)"))
            }
            #expect(faults.summary == [Self.post, Self.lookup, Self.post, Self.lookup, Self.post, Self.lookup])
            #expect(server.rows.isEmpty)
        }
    }

    @Test func a429IsTriedAgainWithoutALookup() async throws {
        let server = ServerCustomers()
        let log = SleepLog()
        try await withFaultServer({ request, index in
            index == 0 ? .json(429, "{}", headers: ["Retry-After": "1"]) : server.handle(request)
        }) { faults in
            _ = try await faults.client(policy: .recording(log)).create(Self.request)
            #expect(faults.summary == [Self.post, Self.post])
            #expect(log.waits == [.seconds(1)])
            #expect(server.rows.count == 1)
        }
    }

    @Test func aMalformedSuccessBodyIsResolvedByLookingTheCustomerUp() async throws {
        let server = ServerCustomers()
        try await withFaultServer({ request, index in
            let honest = server.handle(request)
            return index == 0 ? .json(201, #"{"id":"cust_SERVER1","#) : honest
        }) { faults in
            let created = try await faults.client().create(Self.request)
            #expect(created.id == "cust_SERVER1")
            #expect(faults.summary == [Self.post, Self.lookup])
        }
    }

    @Test func aMalformedSuccessBodyThatCannotBeCheckedSaysItWasProbablyCreated() async throws {
        try await withFaultServer({ request, _ in
            request.method == "POST" ? .json(201, "<html>") : .respond(502, "")
        }) { faults in
            do throws(CustomerError) {
                _ = try await faults.client().create(Self.request)
                Issue.record("expected an error")
            } catch {
                guard case .invalidResponse(201, let message) = error else { Issue.record("\(error)"); return }
                #expect(message.contains("probably created"), "\(message)")
            }
            #expect(faults.requests.filter { $0.method == "POST" }.count == 1)
        }
    }

    @Test func anExternalIDWithASlashIsLookedUpBySearch() async throws {
        let request = CreateCustomerRequest(externalID: "team/42", name: "Acme")
        let found = Fixtures.customer(id: "cust_S", externalID: "team/42", name: "Acme", email: "",
                                      createdAt: ServerCustomers.now())
        try await withFaultServer({ _, index in
            index == 0 ? .hangUp : .json(200, Fixtures.list([found], total: 1, limit: 2, requestOffset: 0))
        }) { faults in
            let created = try await faults.client().create(request)
            #expect(created.id == "cust_S")
            #expect(faults.summary == [Self.post, "POST /v1/customers/search"])
            #expect(try faults.requests[1].decodeBody(SearchProbe.self).externalID == "team/42")
        }
    }

    @Test func fieldsAreComparedAsTheServerStoresThem() {
        let stored = Customer(id: "cust_1", externalID: "x", name: "Acme", email: "a@b.co",
                              metadata: ["gstin": "27AAMCM4148E1ZD", "tier": "gold"],
                              createdAt: .now(), updatedAt: .now())
        #expect(SingleCreate.matches(stored, CreateCustomerRequest(externalID: "x", name: "Acme")))
        #expect(SingleCreate.matches(stored, CreateCustomerRequest(externalID: "x", metadata: ["gstin": " 27aamcm4148e1zd "])))
        #expect(!SingleCreate.matches(stored, CreateCustomerRequest(externalID: "x", name: "Acme Ltd")))
        #expect(!SingleCreate.matches(stored, CreateCustomerRequest(externalID: "x", email: "")))
        #expect(!SingleCreate.matches(stored, CreateCustomerRequest(externalID: "x", metadata: ["tier": "silver"])))
        #expect(!SingleCreate.matches(stored, CreateCustomerRequest(externalID: "y")))
    }
}
