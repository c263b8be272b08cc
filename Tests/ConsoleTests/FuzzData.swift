@testable import Console
import CustomerKit
import Foundation
import TerminalUI
import TestSupport

/// Random customers, drafts and backend errors for the key fuzzers. Customers always pass the
/// validation table (they stand for what a backend holds), but their text is anything the
/// table allows: every UTF-8 length, clusters, escape sequences, bidi overrides.
enum FuzzData {
    static let base = Date(timeIntervalSince1970: 1_700_000_000)

    /// `text` cut (at a grapheme boundary) until the rule's limit admits it.
    static func fit(_ text: String, _ field: CustomerField) -> String {
        let rule = CustomerValidation.rule(for: field)
        var graphemes = Array(text)
        while !rule.fits(String(graphemes)) { graphemes.removeLast(max(1, graphemes.count / 8)) }
        return String(graphemes)
    }

    static func email(_ rng: inout SplitMix64) -> String {
        let words = ["billing", "ops", "a", "x.y", "o'brien", "ünï", "用户", "first+tag"]
        let hosts = ["example.com", "acme.io", "bücher.de", "例子.广告", "a-b.co.uk"]
        return rng.pick(words) + "\(rng.below(100))@" + rng.pick(hosts)
    }

    static func customer(_ rng: inout SplitMix64, index: Int) -> Customer {
        func maybe(_ field: CustomerField, pieces: Int) -> String {
            rng.chance(0.3) ? "" : fit(FuzzText.text(&rng, pieces: rng.between(1, pieces)), field)
        }
        let created = Timestamp(date: base.addingTimeInterval(Double(index)))
        var metadata: [String: String]?
        if rng.chance(0.4) {
            var map: [String: String] = [:]
            for _ in 0..<rng.between(1, 6) {
                map[FuzzText.text(&rng, pieces: rng.between(1, 12))] = FuzzText.text(&rng, pieces: rng.between(0, 30))
            }
            map["gstin"] = nil
            map["pan"] = nil
            map["hsn_sac"] = nil
            map[""] = nil
            metadata = map.isEmpty ? nil : map
        }
        return Customer(
            id: "cust_fuzz\(index)", externalID: fit("\(index)-" + FuzzText.text(&rng, pieces: rng.between(0, 20)), .externalID),
            name: rng.chance(0.02) ? fit(String(repeating: "名", count: 300), .name) : maybe(.name, pieces: 40),
            email: rng.chance(0.3) ? "" : email(&rng),
            addressLine1: maybe(.addressLine1, pieces: 80), addressLine2: maybe(.addressLine2, pieces: 20),
            addressCity: maybe(.addressCity, pieces: 30), addressState: maybe(.addressState, pieces: 30),
            addressPostalCode: maybe(.addressPostalCode, pieces: 12),
            addressCountry: rng.chance(0.3) ? "" : rng.pick(CountryCodes.all).code,
            metadata: metadata, createdAt: created, updatedAt: created,
            createdBy: rng.chance(0.5) ? "" : FuzzText.text(&rng, pieces: 8))
    }

    /// Another operator's valid change, as `FakeBackend.editElsewhere` applies it.
    static func change(_ rng: inout SplitMix64) -> @Sendable (inout Customer) -> Void {
        switch rng.below(4) {
        case 0:
            let name = fit(FuzzText.text(&rng, pieces: rng.between(0, 30)), .name)
            return { $0.name = name }
        case 1:
            let country = rng.pick(CountryCodes.all).code
            return { $0.addressCountry = country }
        case 2:
            let value = FuzzText.text(&rng, pieces: 5)
            return { $0.metadata = ["elsewhere": value] }
        default:
            let city = fit(FuzzText.text(&rng, pieces: 40), .addressCity)
            return { $0.addressCity = city }
        }
    }

    /// A draft as a form would have left it: within the form's limits, formats not checked.
    static func savedDraft(_ rng: inout SplitMix64, index: Int, customers: [Customer]) -> SavedDraft {
        let mode: SavedDraft.Mode
        var draft: CustomerDraft
        if !customers.isEmpty, rng.chance(0.5) {
            let customer = rng.pick(customers)
            mode = .edit(customer)
            draft = CustomerDraft(customer: customer)
        } else {
            mode = .create
            draft = CustomerDraft()
        }
        for field in CustomerDraft.textFields where rng.chance(0.4) {
            if field == .addressCountry {
                let text = FuzzText.text(&rng, pieces: rng.between(0, 60)).uppercased()
                draft[field] = String(String.UnicodeScalarView(text.unicodeScalars.prefix(FormTextField.countrySearchLimit)))
            } else {
                draft[field] = fit(FuzzText.text(&rng, pieces: rng.between(0, 120)), field)
            }
        }
        if rng.chance(0.3) {
            draft.metadata = (0..<rng.between(0, 8)).map { _ in
                CustomerDraft.Pair(key: FuzzText.text(&rng, pieces: rng.between(0, 6)),
                                   value: FuzzText.text(&rng, pieces: rng.between(0, 20)))
            }
        }
        if rng.chance(0.2) {
            draft.parentCustomerID = customers.isEmpty || rng.chance(0.3) ? "cust_gone" : rng.pick(customers).id
        }
        return SavedDraft(id: "draft-\(index)", backend: "fuzz", mode: mode, draft: draft,
                          savedAt: Timestamp(date: base.addingTimeInterval(Double(rng.below(1_000_000)))), ownerPID: 0)
    }

    /// A failure the backend reports for the next call.
    static func error(_ rng: inout SplitMix64) -> CustomerError {
        let text = FuzzText.text(&rng, pieces: rng.between(0, rng.chance(0.1) ? 400 : 30))
        switch rng.below(7) {
        case 0:
            var fields: [String: String] = [:]
            for _ in 0..<rng.between(1, 4) {
                fields[rng.pick(CustomerField.allCases).jsonName] = FuzzText.text(&rng, pieces: 20)
            }
            if rng.chance(0.3) { fields["limit"] = text }
            return .validation(message: rng.chance(0.5) ? "Request validation failed" : text, fields: fields)
        case 1:
            return .alreadyExists(message: "A customer with this identifier already exists",
                                  details: rng.chance(0.5) ? ["external_id": text] : [:])
        case 2: return .server(code: "database_error", status: 500, message: text, details: [:])
        case 3: return .transport(.timedOut, message: "No answer within 1 s " + text)
        case 4: return .notFound(message: "Customer was not found " + text, details: ["customer_id": text])
        case 5: return .invalidOperation(message: text, details: [text: text])
        default: return .transport(.cancelled, message: "cancelled")
        }
    }
}

/// The rules the console must keep whatever is typed.
enum FuzzInvariants {
    /// What a form field may hold: the table's limit in its unit, except the country field,
    /// which also takes up to `FormTextField.countrySearchLimit` code points of a name search.
    static func formAccepts(_ field: CustomerField, _ value: String) -> Bool {
        if field == .addressCountry { return value.unicodeScalars.count <= FormTextField.countrySearchLimit }
        return CustomerValidation.rule(for: field).fits(value)
    }

    static func describe(_ value: String) -> String {
        "\(value.unicodeScalars.count) code points, \(value.utf8.count) bytes: \(String(reflecting: String(value.prefix(40))))"
    }

    static func problem(in form: CustomerFormScreen) -> String? {
        form.fields.lazy.compactMap { problem(in: $0) }.first
    }

    static func problem(in field: FormTextField) -> String? {
        let text = field.text
        if !formAccepts(field.field, text) {
            return "form field \(field.field) holds \(describe(text)) (limit \(field.rule.maxLength ?? -1))"
        }
        let input = field.input
        if input.cursor < 0 || input.cursor > input.graphemes.count || input.scroll > input.cursor {
            return "form field \(field.field): cursor \(input.cursor), scroll \(input.scroll), \(input.graphemes.count) graphemes"
        }
        return nil
    }

    /// A save the form asks for must already pass the table: the form checks before sending.
    static func problem(in effect: ConsoleEffect) -> String? {
        switch effect {
        case .create(let request):
            let issues = CustomerValidation.validate(request)
            return issues.isEmpty ? nil : "the form sent a create the table rejects: \(issues)"
        case .update(_, let request, _):
            let issues = CustomerValidation.validate(request)
            return issues.isEmpty ? nil : "the form sent an update the table rejects: \(issues)"
        case .loadPage(let query):
            return query.problem.map { "the list asked for an invalid page: \($0)" }
        default:
            return nil
        }
    }

    /// Every customer the backend holds must pass the table.
    static func problem(saved customer: Customer) -> String? {
        let draft = CustomerDraft(customer: customer)
        let issues = draft.issues() + CustomerValidation.validate(draft.createRequest())
        return issues.isEmpty ? nil : "saved customer \(customer.id) breaks the table: \(issues)"
    }
}
