import APIServer
import CustomerKit
import Foundation
import HTTPTypes
import Testing

@Suite("Keys and environments")
struct AuthTests {
    @Test func missingOrWrongKeysAre401WithTheErrorJSON() async throws {
        try await APIHarness().run { api in
            let cases: [(String?, [String: String], String)] = [
                (nil, [:], "Missing API key: send it in the x-api-key header"),
                ("sk_not_a_key_of_this_server", [:], "Invalid API key"),
                ("", [:], "Missing API key: send it in the x-api-key header"),
                (nil, ["Authorization": "Bearer sk_not_a_key_of_this_server"], "Invalid API key"),
                (nil, ["Authorization": "Basic dXNlcjpwYXNz"],
                 "Invalid authorization header format: use Authorization: Bearer <key>"),
            ]
            for (key, headers, message) in cases {
                for (method, path) in [(HTTPRequest.Method.get, "/v1/customers"), (.post, "/v1/customers/search"),
                                       (.delete, "/v1/customers/cust_x"), (.get, "/v1/customers/cust_x")] {
                    let reply = try await api.send(method, path, key: key, json: "{}", headers: headers)
                    #expect(reply.status == 401)
                    #expect(reply.error == ErrorResponse(code: "unauthorized", message: message, httpStatusCode: 401))
                }
            }
        }
    }

    @Test func bearerAndHeaderKeysBothWork() async throws {
        try await APIHarness().run { api in
            #expect(try await api.send(.get, "/v1/customers").status == 200)
            let bearer = try await api.send(.get, "/v1/customers", key: nil,
                                            headers: ["Authorization": "Bearer \(APIHarness.keyB)"])
            #expect(bearer.status == 200)
            // A wrong x-api-key falls back to a right bearer key, as the live server tries both.
            let both = try await api.send(.get, "/v1/customers", key: "sk_wrong_key_0000000000",
                                          headers: ["Authorization": "bearer \(APIHarness.keyA)"])
            #expect(both.status == 200)
        }
    }

    @Test func aKeySeesOnlyItsEnvironment() async throws {
        try await APIHarness().run { api in
            let a = try await api.create(#"{"external_id":"shared","name":"In A"}"#)
            let b = try await api.create(#"{"external_id":"shared","name":"In B"}"#, key: APIHarness.keyB)
            #expect(a["environment_id"] as? String == "env_a")
            #expect(b["environment_id"] as? String == "env_b")
            let idA = a["id"] as! String
            let keyB = APIHarness.keyB
            // B cannot read, find, change or delete A's customer, and gets the same 404 as for no customer.
            let get = try await api.send(.get, "/v1/customers/\(idA)", key: keyB)
            #expect(get.status == 404)
            #expect(get.error?.message == "Customer with ID \(idA) was not found")
            #expect(try await api.send(.get, "/v1/customers/external/shared", key: keyB).customer?.name == "In B")
            let list = try await api.send(.post, "/v1/customers/search", key: keyB, json: "{}")
            #expect(list.list?.items.map(\.name) == ["In B"])
            #expect(list.list?.pagination.total == 1)
            let filtered = try await api.send(.post, "/v1/customers/search", key: keyB,
                                              json: #"{"customer_ids":["\#(idA)"]}"#)
            #expect(filtered.list?.pagination.total == 0)
            #expect(try await api.send(.put, "/v1/customers/\(idA)", key: keyB, json: #"{"name":"x"}"#).status == 404)
            #expect(try await api.send(.delete, "/v1/customers/\(idA)", key: keyB).status == 404)
            #expect(try await api.send(.get, "/v1/customers/\(idA)").customer?.name == "In A")
        }
    }

    @Test func environmentHeaderMustBeTheKeys() async throws {
        try await APIHarness().run { api in
            #expect(try await api.send(.get, "/v1/customers", headers: ["X-Environment-ID": "env_a"]).status == 200)
            let other = try await api.send(.get, "/v1/customers", headers: ["X-Environment-ID": "env_b"])
            #expect(other.status == 403)
            #expect(other.error?.message == "Invalid or inaccessible environment")
            let unknown = try await api.send(.get, "/v1/customers", headers: ["X-Environment-ID": "env_zzz"])
            #expect(unknown.text == other.text)  // nothing tells existing and unknown environments apart
        }
    }

    @Test func openAccessUsesOneEnvironmentWithOrWithoutKeys() async throws {
        try await APIHarness(open: true).run { api in
            let created = try await api.create(#"{"external_id":"open"}"#, key: "anything-at-all-goes")
            #expect(created["environment_id"] as? String == "env_a")
            #expect(try await api.send(.get, "/v1/customers", key: nil).externalIDs == ["open"])
        }
    }

    @Test func keyringParsingAndDigests() throws {
        var ring = APIKeyring()
        try ring.add(list: " env_a = sk_live_0123456789abcdef , ,env_b=sha256:\(APIKeyring.hexDigest(of: "sk_other_key_00000000")),env_a=k_second_0123456789=")
        #expect(ring.environments == ["env_a", "env_b"])
        #expect(ring.environment(forKey: "sk_live_0123456789abcdef") == "env_a")
        #expect(ring.environment(forKey: "sk_other_key_00000000") == "env_b")
        #expect(ring.environment(forKey: "k_second_0123456789=") == "env_a")
        #expect(ring.environment(forKey: "sk_live_0123456789abcdeF") == nil)
        #expect(ring.environment(forKey: "") == nil)
        // Only digests are held.
        #expect(!String(describing: ring).contains("sk_live_0123456789abcdef"))
        #expect(APIKeyring.hexDigest(of: "abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")

        for bad in ["env_a", "env_a=short", "=sk_live_0123456789abcdef", "env a=sk_live_0123456789abcdef",
                    "env_a=sha256:xyz", "env_a=sk_live_0123456789abcdef,env_b=sk_live_0123456789abcdef"] {
            var other = APIKeyring()
            #expect(throws: KeyringError.self, "\(bad)") { try other.add(list: bad) }
        }
    }

    @Test func refusesNonLoopbackWithoutKeys() throws {
        var settings = ServerSettings(databasePath: "/tmp/x.sqlite", host: "0.0.0.0")
        #expect(throws: SettingsError.self) { try settings.check() }
        for host in ["127.0.0.1", "localhost", "::1", "127.1.2.3"] {
            settings.host = host
            try settings.check()
        }
        for host in ["0.0.0.0", "10.0.0.1", "example.com", "::", "127.0.0.256"] {
            #expect(!ServerSettings.isLoopback(host), "\(host)")
        }
        settings.host = "0.0.0.0"
        try settings.keyring.add(environmentID: "env_a", key: "sk_live_0123456789abcdef")
        try settings.check()
    }
}
