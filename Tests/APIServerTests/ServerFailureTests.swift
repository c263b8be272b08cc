import APIServer
import CustomerKit
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport

/// A 5xx body never carries the failure's own words: whatever a route throws (the store's
/// errors with SQLite's text, a plain Swift error, the framework's own), the client gets the
/// code and a message the server wrote, and the log gets the rest.
@Suite("Server failures")
struct ServerFailureTests {
    /// Words from the failures below that must not reach a client.
    static let secrets = ["syntax error", "SQLITE", "sqlite", "/var/db/secret", "no such table", "locked"]

    @Test func noFiveHundredBodyCarriesTheFailuresWords() async throws {
        let harness = try APIHarness()
        let router = APIServer.makeRouter(stores: harness.stores, access: harness.access, logger: harness.logger)
        let failures: [(String, any Error)] = [
            ("database", CustomerError.server(code: "database_error", status: 500,
                                              message: "Failed to access the customer database: near \"x\": syntax error",
                                              details: ["sqlite": "near \"x\": syntax error"])),
            ("busy", CustomerError.server(code: "service_unavailable", status: 503,
                                          message: "database is locked (SQLITE_BUSY)", details: ["sqlite": "locked"])),
            ("cancelled", CustomerError.transport(.cancelled, message: "interrupted: SQLITE_INTERRUPT")),
            ("odd-status", CustomerError.server(code: "weird", status: 599, message: "/var/db/secret.sqlite", details: [:])),
            ("swift", Leaky()),
            ("framework", HTTPError(.internalServerError, message: "no such table: customers (sqlite)")),
        ]
        for (name, failure) in failures {
            router.get("fail/\(name)") { _, _ -> Response in throw failure }
        }
        try await Application(router: router).test(.router) { client in
            for (name, _) in failures {
                let response = try await client.execute(uri: "/fail/\(name)", method: .get)
                let text = String(buffer: response.body)
                #expect(response.status.code >= 500, "\(name)")
                let error = try #require(try? JSONDecoder().decode(ErrorResponse.self, from: Data(text.utf8)), "\(name): \(text)")
                #expect(error.details == nil, "\(name)")
                #expect(error.httpStatusCode == Int(response.status.code), "\(name)")
                for secret in Self.secrets { #expect(!text.contains(secret), "\(name): \(text)") }
            }
        }
        // The operator still finds each one, by request id, in the log.
        #expect(harness.logText.contains("syntax error") && harness.logText.contains("/var/db/secret"))
    }

    /// A real store failure: a table renamed behind the server's back.
    @Test func aBrokenStoreIsA500WithoutSQLiteText() async throws {
        let harness = try APIHarness()
        try await harness.run { api in
            #expect(try await api.send(.get, "/v1/customers").status == 200)
            let path = harness.folder.file("customers.sqlite")
            let script = "import sqlite3, sys; db = sqlite3.connect(sys.argv[1]); "
                + "db.execute('ALTER TABLE customer_counts RENAME TO gone'); db.commit()"
            let renamed = try await BuiltBinaries.output("/usr/bin/env", ["python3", "-c", script, path])
            try #require(renamed.status == 0, "\(renamed.stderr)")
            let reply = try await api.send(.get, "/v1/customers")
            #expect(reply.status == 500)
            #expect(reply.error?.code == "database_error")
            for secret in Self.secrets { #expect(!reply.text.contains(secret), "\(reply.text)") }
        }
        #expect(harness.logText.contains("no such table"))
    }

    private struct Leaky: Error, CustomStringConvertible {
        var description: String { "SQLITE_CORRUPT in /var/db/secret.sqlite" }
    }
}

private extension String {
    init(buffer: ByteBuffer) { self = String(decoding: buffer.readableBytesView, as: UTF8.self) }
}
