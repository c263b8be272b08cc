import CustomerKit
import Foundation
import Testing

/// Bad request bodies: each problem is named, in operator words for people and by JSON field
/// name with `--json`, exit code 3, and nothing is stored.
@Suite struct ValidationTests {
    let sandbox: Sandbox
    init() throws { sandbox = try Sandbox() }

    var twoProblems: [String: Any] {
        ["external_id": "v-1", "name": "Valid Name", "email": "not an email",
         "address_postal_code": "1234567890-1234567890"]  // 21 characters, 20 allowed
    }

    @Test func everyBadFieldIsNamedForAPerson() async throws {
        let file = try sandbox.writeJSON("bad.json", twoProblems)
        let result = try await sandbox.run("customers", "create", "--file", file)
        #expect(result.status == Exit.validation, "\(result)")
        #expect(result.stdout.isEmpty)
        let lines = result.err.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("error: ") == true)
        let email = try #require(lines.first { $0.contains("email") }, "\(result.err)")
        #expect(email.contains("Email: not a valid email address"))
        let postal = try #require(lines.first { $0.contains("address_postal_code") }, "\(result.err)")
        #expect(postal.contains("Postal code: at most 20 characters (21 given)"))

        #expect(try await sandbox.listJSON().pagination.total == 0)
    }

    @Test func everyBadFieldIsInTheErrorJSONDetails() async throws {
        let file = try sandbox.writeJSON("bad.json", twoProblems)
        let result = try await sandbox.run("customers", "create", "--file", file, "--json")
        #expect(result.status == Exit.validation, "\(result)")
        #expect(result.stdout.isEmpty)
        let error = try result.errorJSON
        #expect(error.code == "validation_error")
        #expect(error.httpStatusCode == 400)
        #expect(error.message == "Request validation failed")
        let details = try #require(error.details)
        #expect(Set(details.keys) == ["email", "address_postal_code"])
        #expect(details["email"]?.contains("email") == true)
        #expect(details["address_postal_code"]?.contains("20") == true)
    }

    @Test func oneProblemIsTheMessageItself() async throws {
        let result = try await sandbox.run(["customers", "create", "--file", "-", "--json"],
                                           stdin: #"{"external_id":"c-1","address_country":"UK"}"#)
        #expect(result.status == Exit.validation, "\(result)")
        let error = try result.errorJSON
        #expect(error.message.hasPrefix("Country:"))
        #expect(error.details?.keys.sorted() == ["address_country"])
    }

    @Test func aMissingExternalIDIsNamed() async throws {
        let result = try await sandbox.run(["customers", "create", "--file", "-"], stdin: #"{"name":"No Key"}"#)
        #expect(result.status == Exit.validation, "\(result)")
        #expect(result.err.contains("External ID"))
        #expect(result.err.contains("required"))
    }

    @Test func malformedJSONIsAnInvalidRequestFormat() async throws {
        let file = try sandbox.write("broken.json", #"{"external_id": "x", "name": }"#)
        let human = try await sandbox.run("customers", "create", "--file", file)
        #expect(human.status == Exit.validation, "\(human)")
        #expect(human.err.contains("Invalid request format"))
        #expect(human.err.contains(file))

        let json = try await sandbox.run(["customers", "update", "cust_x", "--file", "-", "--json"], stdin: "{nope")
        #expect(json.status == Exit.validation, "\(json)")
        let error = try json.errorJSON
        #expect(error.code == "validation_error")
        #expect(error.message.hasPrefix("Invalid request format"))
        #expect(error.message.contains("standard input"))

        let empty = try await sandbox.run(["customers", "create", "--file", "-"], stdin: "")
        #expect(empty.status == Exit.validation, "\(empty)")
        #expect(empty.err.contains("Invalid request format"))

        #expect(try await sandbox.listJSON().pagination.total == 0)
    }

    @Test(arguments: [
        (#"{"external_id":"t-1","name":42}"#, "name"),
        (#"{"external_id":"t-1","email":["a@b.co"]}"#, "email"),
        (#"{"external_id":"t-1","metadata":{"tier":1}}"#, "metadata"),
        (#"{"external_id":7}"#, "external_id"),
    ])
    func aValueOfTheWrongJSONTypeNamesItsKey(body: String, key: String) async throws {
        let human = try await sandbox.run(["customers", "create", "--file", "-"], stdin: body)
        #expect(human.status == Exit.validation, "\(human)")
        #expect(human.err.contains("Invalid request format"))
        #expect(human.err.contains("\n  \(key): "), "\(human.err)")
        #expect(human.err.contains("wrong JSON type"))

        let json = try await sandbox.run(["customers", "create", "--file", "-", "--json"], stdin: body)
        #expect(json.status == Exit.validation)
        let error = try json.errorJSON
        #expect(error.details?.keys.sorted() == [key], "\(json.err)")
    }

    @Test func aWrongTypeIsNotSaidTwice() async throws {
        let human = try await sandbox.run(["customers", "create", "--file", "-"], stdin: #"{"external_id":"t","name":1}"#)
        #expect(human.status == Exit.validation)
        // "  name: Name: wrong JSON type", not "  name: Name: name: wrong JSON type".
        #expect(!human.err.contains("Name: name:"), "\(human.err)")
    }

    @Test func anUnreadableFileIsNamed() async throws {
        let missing = sandbox.root + "/no-such-file.json"
        let result = try await sandbox.run("customers", "create", "--file", missing)
        #expect(result.status == Exit.validation, "\(result)")
        #expect(result.err.contains(missing))
    }

    @Test func anUpdateIsValidatedToo() async throws {
        let c = try await sandbox.createCustomer(["external_id": "u-1", "name": "U"])
        let result = try await sandbox.run(["customers", "update", c.id, "--file", "-", "--json"],
                                           stdin: #"{"email":"bad@","address_postal_code":"123456789012345678901"}"#)
        #expect(result.status == Exit.validation, "\(result)")
        #expect(try result.errorJSON.details.map { Set($0.keys) } == ["email", "address_postal_code"])
    }
}
