import CustomerKit
import Foundation
import Testing
@testable import RemoteAPI
import TestSupport

/// Truncated, damaged and hostile response bodies into the remote client's reading paths,
/// called directly (no network): the model decoders, the error translator, and the search
/// that merges pages. Nothing may crash; every failure is a `CustomerError` with a message;
/// a body that decodes re-encodes without losing what the server sent.
/// Serialized: these are CPU-bound, and one at a time leaves the other core to the rest of
/// the suite (whose subprocess and HTTP tests must not be starved). For the same reason each
/// yields every few bodies: Swift concurrency has only one thread per core, and a test that
/// holds one for a minute on a loaded machine stalls every stub server and timer in the run.
@Suite(.serialized) struct FuzzResponseBodyTests {
    static let secret = "sk_fuzz_secret_key_123"
    static let redaction = SecretRedaction(secret: secret)
    static let request = APIRequest(.post, ["customers", "search"], body: Data("{}".utf8), mayRepeat: true)
    static let statuses = [400, 401, 403, 404, 405, 409, 413, 422, 429, 500, 502, 503, 504, 301, 302, 307, 308, 0, 299, 600]

    /// The contract's bodies, as the stub server serves them.
    static let errorBodies: [String] = [
        Fixtures.validationTwoFields, Fixtures.validationOneField("AddressPostalCode", tag: "max"),
        Fixtures.invalidRequestFormat, Fixtures.addressLine1TooLong, Fixtures.gstinInvalid, Fixtures.invalidFilter,
        Fixtures.notFoundByID, Fixtures.notFoundByLookupKey, Fixtures.alreadyExists, Fixtures.invalidOperation,
        Fixtures.databaseError, Fixtures.unauthorized, Fixtures.invalidToken, Fixtures.environmentDenied,
        Fixtures.insufficientPermissions, Fixtures.pageNotFound, Fixtures.proxyBadGateway,
    ]
    static let customerBodies: [String] = [
        Fixtures.customer(), Fixtures.customer(metadata: "null", status: "archived"),
        Fixtures.customer(name: "名前 \u{1B}[31m 🇩🇪", email: "ünï@bücher.de", createdAt: "2026-08-22T10:15:30Z"),
    ]
    static let listBodies: [String] = [
        Fixtures.list([Fixtures.customer(), Fixtures.customer(id: "cust_2", externalID: "b")], total: 2, limit: 50,
                      requestOffset: 0),
        Fixtures.list([], total: 0, limit: 50, requestOffset: 0),
    ]
    static var all: [String] { errorBodies + customerBodies + listBodies }

    // MARK: - The client's reading paths

    /// As `RemoteCustomerClient.decode` (private there): the model's decoder, and anything it
    /// cannot read becomes `invalidResponse` quoting a short excerpt, with the key scrubbed.
    static func decode<T: Decodable>(_ type: T.Type, _ body: Data, status: Int = 200,
                                     what: String) -> Result<T, CustomerError> {
        do {
            return .success(try CustomerJSON.decoder().decode(type, from: body))
        } catch {
            let excerpt = BodyExcerpt.make(body, limit: 80)
            return .failure(redaction.apply(.invalidResponse(
                status: status, message: "The server answered HTTP \(status) but the body is not \(what)"
                    + (excerpt.isEmpty ? " (empty)" : ": \(excerpt)"))))
        }
    }

    static func translate(_ body: Data, status: Int, location: String? = nil) -> CustomerError {
        let response = APIResponse(status: status, headers: location.map { ["location": $0] } ?? [:], body: body)
        return redaction.apply(APIErrorTranslator.translate(
            response, .init(request: request, displayBaseURL: "https://api.example.test/v1")))
    }

    /// What must hold of every error the client reports.
    static func problem(_ error: CustomerError) -> String? {
        if error.message.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            return "empty message: \(error)"
        }
        let texts = [error.message, error.code] + error.details.keys + error.details.values
        if texts.contains(where: { $0.contains(secret) }) { return "the API key shows in \(error)" }
        return nil
    }

    /// Feeds one body to every reading path; returns what went wrong.
    /// `checkKeys: false` where the body may repeat a key: parsers disagree on which copy wins.
    static func exercise(_ body: Data, _ rng: inout SplitMix64, checkKeys: Bool = true) -> [String] {
        var problems: [String] = []
        switch decode(Customer.self, body, what: "a customer") {
        case .success(let customer):
            if let problem = roundTripProblem(customer, original: body, checkKeys: checkKeys) { problems.append(problem) }
        case .failure(let error):
            if let problem = problem(error) { problems.append(problem) }
        }
        switch decode(ListCustomersResponse.self, body, what: "a customer list") {
        case .success(let list):
            let again = try? CustomerJSON.decoder().decode(ListCustomersResponse.self, from: CustomerJSON.encode(list))
            if again != list { problems.append("a customer list does not survive re-encoding") }
        case .failure(let error):
            if let problem = problem(error) { problems.append(problem) }
        }
        if let decoded = try? CustomerJSON.decoder().decode(ErrorResponse.self, from: body) {
            let again = try? CustomerJSON.decoder().decode(ErrorResponse.self, from: CustomerJSON.encode(decoded))
            if again != decoded { problems.append("an error response does not survive re-encoding: \(decoded)") }
        }
        for _ in 0..<2 {
            let status = rng.pick(statuses)
            // A Location header: hostile text, but of a size an HTTP stack lets through.
            let location = (300..<400).contains(status) ? String(BodyMutator.nastyString(&rng).prefix(4_000)) : nil
            if let problem = problem(translate(body, status: status, location: location)) {
                problems.append("HTTP \(status): \(problem)")
            }
        }
        return problems
    }

    /// A customer read from `original` encodes to JSON that reads back the same, and keeps
    /// every key the server sent with its value.
    static func roundTripProblem(_ customer: Customer, original: Data, checkKeys: Bool) -> String? {
        let encoded = CustomerJSON.encode(customer)
        guard let again = try? CustomerJSON.decoder().decode(Customer.self, from: encoded) else {
            return "a decoded customer does not decode after re-encoding: \(String(decoding: encoded.prefix(300), as: UTF8.self))"
        }
        if again != customer || again.additionalFields != customer.additionalFields { return "re-encoding changes \(customer.id)" }
        if CustomerJSON.encode(again) != encoded { return "re-encoding \(customer.id) is not stable" }
        guard checkKeys, let sent = try? JSONSerialization.jsonObject(with: original) as? [String: Any],
              let written = try? JSONSerialization.jsonObject(with: encoded) as? [String: Any] else { return nil }
        for (key, value) in sent {
            // `null` for a key the model knows means "not set": it writes its default ("" for
            // text, `published`, or leaves an optional key out). Anything else must come back.
            if value is NSNull && modelledKeys.contains(key) { continue }
            guard let out = written[key] else { return "key \(key) was dropped" }
            if !sameJSON(value, out) { return "key \(key) changed: \(value) -> \(out)" }
        }
        return nil
    }

    static let modelledKeys: Set<String> = [
        "id", "external_id", "name", "email", "contact", "address_line1", "address_line2", "address_city",
        "address_state", "address_postal_code", "address_country", "timezone", "metadata", "environment_id",
        "tenant_id", "status", "created_at", "updated_at", "created_by", "updated_by", "parent_customer_id",
        "integrations",
    ]

    /// JSON equality; numbers compare as `Double` (what `JSONValue` holds), so digits beyond
    /// a double's precision are not counted as a change here.
    static func sameJSON(_ a: Any, _ b: Any) -> Bool {
        switch (a, b) {
        case (is NSNull, is NSNull): return true
        case let (x as String, y as String): return x == y
        case let (x as NSNumber, y as NSNumber): return x.doubleValue == y.doubleValue
        case let (x as [Any], y as [Any]): return x.count == y.count && zip(x, y).allSatisfy { sameJSON($0, $1) }
        case let (x as [String: Any], y as [String: Any]):
            return Set(x.keys) == Set(y.keys) && x.keys.allSatisfy { sameJSON(x[$0]!, y[$0]!) }
        default: return false
        }
    }

    // MARK: - Tests

    @Test func everyTruncationOfTheContractsBodies() async {
        let seed: UInt64 = 0x7A0C
        var rng = SplitMix64(seed: seed)
        var fed = 0
        for (index, text) in Self.all.enumerated() {
            let body = Data(text.utf8)
            for cut in 0...body.count {
                let problems = Self.exercise(body.prefix(cut), &rng)
                fed += 1
                if fed % 16 == 0 { await Task.yield() }
                #expect(problems.isEmpty, "seed \(seed) body \(index) cut at \(cut): \(problems)")
                if !problems.isEmpty { return }
            }
        }
        #expect(fed > 4_000)
    }

    @Test func flippedInsertedAndDeletedBytes() async {
        let seed: UInt64 = 0xB17E
        var rng = SplitMix64(seed: seed)
        for trial in 0..<6_000 {
            if trial % 16 == 0 { await Task.yield() }
            let original = Data(rng.pick(Self.all).utf8)
            let body = BodyMutator.bytes(original, &rng)
            let problems = Self.exercise(body, &rng)
            #expect(problems.isEmpty, "seed \(seed) trial \(trial): \(problems) for \(String(decoding: body.prefix(200), as: UTF8.self))")
            if !problems.isEmpty { return }
        }
    }

    @Test func wrongTypesMissingKeysDeepNestingAndHugeStrings() async {
        let seed: UInt64 = 0x57A7
        var rng = SplitMix64(seed: seed)
        let trees = Self.all.compactMap(FuzzJSON.parse)
        #expect(trees.count == Self.all.count - 2)  // the plain-text 404 and the HTML page are not JSON
        var decodedCustomers = 0
        for trial in 0..<2_500 {
            if trial % 8 == 0 { await Task.yield() }
            var tree = rng.pick(trees)
            for _ in 0..<rng.between(1, 3) { tree = BodyMutator.structural(tree, &rng) }
            let body = Data(tree.text.utf8)
            if (try? CustomerJSON.decoder().decode(Customer.self, from: body)) != nil { decodedCustomers += 1 }
            let problems = Self.exercise(body, &rng, checkKeys: !tree.hasDuplicateKeys)
            #expect(problems.isEmpty, "seed \(seed) trial \(trial): \(problems) for \(String(decoding: body.prefix(300), as: UTF8.self))")
            if !problems.isEmpty { return }
        }
        // Many mutations leave a readable customer (an unknown key, a wrong type in an extra
        // field...): those are what the round trip is checked on.
        #expect(decodedCustomers > 60)
    }

    // MARK: - The search's page merging

    /// A list body the decoder reads, with pagination a broken server might send.
    static func hostileList(_ rng: inout SplitMix64) -> String {
        let items = (0..<rng.between(0, 6)).map { _ in
            let n = rng.below(8)
            return Fixtures.customer(id: "cust_\(n)", externalID: "x\(n)",
                                     createdAt: "2026-08-22T10:15:3\(rng.below(10)).\(rng.below(1000))Z")
        }
        let numbers = ["0", "1", "2", "3", "-1", "1000", "9223372036854775807", "-9223372036854775808", "4611686018427387904"]
        return #"{"items":["# + items.joined(separator: ",") + #"],"pagination":{"total":\#(rng.pick(numbers)),"limit":\#(rng.pick(numbers)),"offset":\#(rng.pick(numbers))}}"#
    }

    @Test func searchMergesWhateverPagesComeBack() async {
        let seed: UInt64 = 0x5EA7
        var rng = SplitMix64(seed: seed)
        var bodies: [Data] = []
        for _ in 0..<200 {
            let text = Self.hostileList(&rng)
            bodies.append(Data((rng.chance(0.1) ? String(text.prefix(rng.below(text.count))) : text).utf8))
        }
        let pages = bodies
        var answered = 0
        for trial in 0..<1_500 {
            let salt = rng.next()
            // Which body answers depends only on the request, so the concurrent sub-queries
            // cannot change the outcome from run to run.
            let search = CustomerSearch { body throws(CustomerError) in
                var key = salt ^ UInt64(truncatingIfNeeded: body.offset ?? 0) &* 0x100_0000_01B3
                for byte in (body.filters?.first?.field ?? "").utf8 { key = (key ^ UInt64(byte)) &* 0x100_0000_01B3 }
                switch Self.decode(ListCustomersResponse.self, pages[Int(key % UInt64(pages.count))], what: "a customer list") {
                case .success(let response): return response
                case .failure(let error): throw error
                }
            }
            let query = CustomerQuery(search: rng.chance(0.7) ? "a" : nil, status: .published,
                                      limit: rng.pick([1, 2, 3, 50, 1000]), offset: rng.pick([0, 1, 2, 49, 1000, 2500]))
            let context = "seed \(seed) trial \(trial): \(query)"
            do {
                let page = try await search.run(query)
                answered += 1
                #expect(page.offset == query.offset && page.limit == query.limit,
                        "\(context): offset \(page.offset), limit \(page.limit)")
                if query.search != nil {
                    // Merged pages are cut to the limit (a plain list passes the server's page on).
                    #expect(page.items.count <= query.limit, "\(context): \(page.items.count) items")
                    #expect(Set(page.items.map(\.id)).count == page.items.count, "\(context): duplicates")
                    #expect(page.total >= page.items.count, "\(context): total \(page.total)")
                }
            } catch {
                #expect(Self.problem(error) == nil, "\(context)")
            }
        }
        #expect(answered > 500)
    }
}
