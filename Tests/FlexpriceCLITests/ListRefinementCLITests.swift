import Foundation
import TestSupport
import Testing

/// `customers list` and `customers export` take the console's orders and filters:
/// --sort key[:asc|desc], --country, --metadata key=value.
@Suite struct ListRefinementCLITests {
    @Test func listAndExportSortAndFilter() async throws {
        let sandbox = try Sandbox()
        for (external, name, country, plan) in [("z-1", "zed", "US", "pro"), ("a-1", "acme", "DE", "free"), ("b-1", "Beta", "DE", "pro")] {
            let created = try await sandbox.run(["customers", "create", "--file", "-", "--json"], stdin: """
                {"external_id":"\(external)","name":"\(name)","address_country":"\(country)","metadata":{"plan":"\(plan)"}}
                """)
            #expect(created.status == 0, "\(created)")
        }
        func names(_ arguments: [String]) async throws -> [String] {
            let listed = try await sandbox.run(["customers", "list", "--json"] + arguments)
            #expect(listed.status == 0, "\(listed)")
            let object = try JSONSerialization.jsonObject(with: Data(listed.out.utf8)) as? [String: Any]
            return ((object?["items"] as? [[String: Any]]) ?? []).compactMap { $0["name"] as? String }
        }
        #expect(try await names([]) == ["Beta", "acme", "zed"])
        #expect(try await names(["--sort", "name"]) == ["acme", "Beta", "zed"])
        #expect(try await names(["--sort", "name:desc"]) == ["zed", "Beta", "acme"])
        #expect(try await names(["--sort", "created:asc"]) == ["zed", "acme", "Beta"])
        #expect(try await names(["--country", "DE", "--sort", "name"]) == ["acme", "Beta"])
        #expect(try await names(["--metadata", "plan=pro"]) == ["Beta", "zed"])
        #expect(try await names(["--metadata", "plan=pro", "--country", "DE"]) == ["Beta"])
        let exported = try await sandbox.run(["customers", "export", "--country", "DE", "--sort", "name"])
        #expect(exported.status == 0, "\(exported)")
        let rows = exported.out.split(separator: "\n").dropFirst().map { $0.split(separator: ",")[1] }
        #expect(rows == ["acme", "Beta"], "\(exported.out)")
    }

    @Test(arguments: [
        (["--sort", "city"], "--sort must be created, name, email or updated"),
        (["--sort", "name:up"], "--sort name takes :asc or :desc"),
        (["--country", "de"], "is not an ISO 3166-1 alpha-2 code"),
        (["--metadata", "plan"], "--metadata takes key=value"),
        (["--metadata", "a=1", "--metadata", "a=2"], "names the key \"a\" twice"),
    ])
    func badRefinementsAreRefusedWithTheReason(arguments: [String], message: String) async throws {
        let sandbox = try Sandbox()
        let refused = try await sandbox.run(["customers", "list"] + arguments)
        #expect(refused.status != 0)
        #expect(refused.err.contains(message), "\(refused)")
    }
}
