import CustomerKit
import Foundation

/// `POST /customers` such that one create makes at most one customer, over any network.
///
/// A create is never simply sent again. When a try fails in a way that may hide a customer
/// the server did create (a timeout, a connection closed before the answer, 502/503/504, a
/// success whose body cannot be read), the customer is looked up by external id:
/// - found, with the fields this request sent, and created no earlier than shortly before
///   the first try: that is the customer this create made, and it is returned;
/// - found but different: someone else's customer holds the external id (`alreadyExists`);
/// - definitely absent (404): the create is tried again, within the retry policy's limits;
/// - the lookup itself fails: the error says the outcome is unknown and what to check.
/// A 409 `already_exists` after such a failure is resolved the same way, so it ends in the
/// customer the first try created rather than an error. The server's uniqueness of external
/// ids among published customers is what makes this sound: two tries cannot both create.
/// A refused connection or a 429 (the server did not act) is simply tried again.
struct SingleCreate: Sendable {
    typealias Send = @Sendable () async -> AttemptOutcome
    typealias LookUp = @Sendable () async throws(CustomerError) -> Customer
    typealias Translate = @Sendable (APIResponse) -> CustomerError
    typealias Decode = @Sendable (APIResponse) throws(CustomerError) -> Customer

    /// A customer created this long before the first try began is not this create's, even
    /// with equal fields (it was there already); the margin allows for clock differences.
    static let clockAllowance: TimeInterval = 600

    let request: CreateCustomerRequest
    let policy: RetryPolicy
    let host: String
    let send: Send
    let lookUp: LookUp
    let translate: Translate
    let decode: Decode

    /// What the server holds under the request's external id.
    enum Finding {
        case ours(Customer)
        case someoneElses(Customer)
        case absent
    }

    func run() async throws(CustomerError) -> Customer {
        let started = policy.now()
        let startedAt = Date()
        var trace = RetryTrace()
        while true {
            if Task.isCancelled { throw cancelled(sent: trace.attempts > 0) }
            trace.attempts += 1
            let outcome = await send()
            if Task.isCancelled { throw cancelled(sent: true) }
            let verdict = outcome.verdict
            let retryAfter: Duration?

            switch (outcome, verdict) {
            case (.answered(let response), _) where response.isSuccess:
                do throws(CustomerError) {
                    return try decode(response)
                } catch {
                    // It was created; only its description was lost.
                    if case .ours(let customer)? = try? await find(since: startedAt) { return customer }
                    throw error.noting("the server reported success, so the customer was probably created: "
                                       + "look for external ID \"\(request.externalID)\" before creating it again")
                }

            case (.answered(let response), _) where response.status == 409 && trace.sawAmbiguousFailure:
                // Most likely the earlier, unanswered try created it.
                let conflict = translate(response)
                if case .ours(let customer)? = try? await find(since: startedAt) { return customer }
                throw conflict.noting(trace.note)

            case (_, .final):
                throw failure(outcome).noting(trace.note)

            case (_, .notDelivered(let after)):
                retryAfter = after

            case (_, .ambiguous(let after)):
                trace.sawAmbiguousFailure = true
                let error = failure(outcome)
                let finding: Finding
                do throws(CustomerError) {
                    finding = try await find(since: startedAt)
                } catch {
                    if Task.isCancelled || error.code == "cancelled" { throw cancelled(sent: true) }
                    throw failure(outcome).noting(
                        "whether the customer was created is unknown (looking it up failed: \(error.message)); "
                        + "look for external ID \"\(request.externalID)\" before creating it again")
                }
                switch finding {
                case .ours(let customer):
                    return customer
                case .someoneElses(let other):
                    throw .alreadyExists(
                        message: "External ID \"\(request.externalID)\" is used by customer \(other.id), which "
                            + "differs from what was sent: this create's answer was lost (\(error.message)) and "
                            + "it did not make that customer",
                        details: [CustomerField.externalID.jsonName:
                                    "\(CustomerField.externalID.label): \"\(request.externalID)\" is already used "
                                    + "by another customer"])
                case .absent:
                    // Not created: another try is safe, if the limits allow one.
                    guard let wait = policy.wait(beforeAttempt: trace.attempts + 1, retryAfter: after,
                                                 elapsed: policy.now() - started, trace: &trace) else {
                        throw error.noting([trace.note, "the customer was not created (checked by external ID)"]
                            .compactMap { $0 }.joined(separator: "; "))
                    }
                    try await pause(wait)
                    continue
                }
            }

            guard let wait = policy.wait(beforeAttempt: trace.attempts + 1, retryAfter: retryAfter,
                                         elapsed: policy.now() - started, trace: &trace) else {
                throw failure(outcome).noting(trace.note)
            }
            try await pause(wait)
        }
    }

    /// Looks the external id up; `.absent` only on a definite not-found.
    private func find(since startedAt: Date) async throws(CustomerError) -> Finding {
        let customer: Customer
        do throws(CustomerError) {
            customer = try await lookUp()
        } catch {
            if error.isMissingCustomer { return .absent }
            throw error
        }
        let recent = customer.createdAt.date >= startedAt.addingTimeInterval(-Self.clockAllowance)
        return recent && Self.matches(customer, request) ? .ours(customer) : .someoneElses(customer)
    }

    private func failure(_ outcome: AttemptOutcome) -> CustomerError {
        switch outcome {
        case .answered(let response): translate(response)
        case .failed(let error): error
        }
    }

    private func pause(_ wait: Duration) async throws(CustomerError) {
        do {
            try await policy.sleep(wait)
        } catch {
            throw cancelled(sent: true)
        }
    }

    private func cancelled(sent: Bool) -> CustomerError {
        let note = sent ? "; the customer may have been created: look for external ID \"\(request.externalID)\" "
            + "before creating it again" : ""
        return .transport(.cancelled, message: "The request to \(host) was cancelled" + note)
    }

    /// Whether `customer` carries every field the request set, as the server stores them.
    /// Fields the request left out take server defaults and are not compared.
    static func matches(_ customer: Customer, _ request: CreateCustomerRequest) -> Bool {
        for field in CustomerField.allCases where field != .parentCustomerID && field != .parentCustomerExternalID {
            guard let sent = request.value(of: field) else { continue }
            if customer.value(of: field) != sent { return false }
        }
        if let sent = request.metadata, !sent.isEmpty {
            let stored = customer.metadata ?? [:]
            for (key, value) in sent where !TaxKeys.sameValue(key, value, stored[key]) { return false }
        }
        return true
    }

    /// The server trims the tax metadata values and upper-cases GSTIN and PAN before storing.
    private enum TaxKeys {
        static func sameValue(_ key: String, _ sent: String, _ stored: String?) -> Bool {
            guard let stored else { return false }
            switch key {
            case "gstin", "pan":
                return normalized(sent).uppercased() == normalized(stored).uppercased()
            case "hsn_sac":
                return normalized(sent) == normalized(stored)
            default:
                return sent == stored
            }
        }

        private static func normalized(_ text: String) -> String {
            text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }
}

extension CustomerError {
    /// A definite "no such customer": the FlexPrice 404 `not_found`.
    var isMissingCustomer: Bool {
        if case .notFound = self { return true }
        return false
    }
}
