import Foundation

/// The customers a fake server really holds, so fault tests can count what it made whatever
/// the client was told. Follows the contract for the routes the client uses: create (409 on
/// a published external id), get by id (archived too), get by external id (published only),
/// update by id, delete (archive; 404 "Customer does not exist" when already archived).
final class ServerCustomers: @unchecked Sendable {
    struct Row: Sendable {
        var id: String
        var externalID: String
        var name: String
        var email: String
        var status = "published"
        var createdAt: String
    }

    private let lock = NSLock()
    private var stored: [Row]
    private var serial = 0

    init(_ rows: [Row] = []) { stored = rows }

    var rows: [Row] { lock.withLock { stored } }
    var published: [Row] { rows.filter { $0.status == "published" } }

    static func now() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date())
    }

    static func json(_ row: Row) -> String {
        Fixtures.customer(id: row.id, externalID: row.externalID, name: row.name, email: row.email,
                          createdAt: row.createdAt, status: row.status)
    }

    /// The server's work and its honest answer to `request`.
    func handle(_ request: RecordedRequest) -> Fault {
        let path = request.path.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
        guard path.count >= 2, path[0] == "v1", path[1] == "customers" else { return .respond(404, Fixtures.pageNotFound) }
        let rest = Array(path.dropFirst(2))
        return lock.withLock { () -> Fault in
            switch (request.method, rest.count) {
            case ("POST", 0): return create(request)
            case ("POST", 1) where rest[0] == "search": return search(request)
            case ("GET", 2) where rest[0] == "external": return byExternalID(rest[1])
            case ("GET", 1): return byID(rest[0])
            case ("PUT", 1): return update(rest[0], request)
            case ("DELETE", 1): return delete(rest[0])
            default: return .respond(404, Fixtures.pageNotFound)
            }
        }
    }

    private func create(_ request: RecordedRequest) -> Fault {
        let body = request.bodyObject() ?? [:]
        let externalID = body["external_id"] as? String ?? ""
        if stored.contains(where: { $0.externalID == externalID && $0.status == "published" }) {
            return .json(409, Fixtures.alreadyExists)
        }
        serial += 1
        let row = Row(id: "cust_SERVER\(serial)", externalID: externalID, name: body["name"] as? String ?? "",
                      email: body["email"] as? String ?? "", createdAt: Self.now())
        stored.append(row)
        return .json(201, Self.json(row))
    }

    /// `POST /customers/search` with `external_ids` (an import's lookups); other filters are
    /// not served by this fake.
    private func search(_ request: RecordedRequest) -> Fault {
        let body = request.bodyObject() ?? [:]
        let wanted = Set(body["external_ids"] as? [String] ?? [])
        let found = stored.filter { wanted.contains($0.externalID) && $0.status == "published" }
        return .json(200, Fixtures.list(found.map(Self.json), total: found.count, limit: 1000, requestOffset: 0))
    }

    private func byExternalID(_ externalID: String) -> Fault {
        guard let row = stored.first(where: { $0.externalID == externalID && $0.status == "published" }) else {
            return .json(404, Self.notFoundByLookupKey(externalID))
        }
        return .json(200, Self.json(row))
    }

    private func byID(_ id: String) -> Fault {
        guard let row = stored.first(where: { $0.id == id }) else { return .json(404, Fixtures.notFoundByID) }
        return .json(200, Self.json(row))
    }

    private func update(_ id: String, _ request: RecordedRequest) -> Fault {
        guard let index = stored.firstIndex(where: { $0.id == id }) else { return .json(404, Fixtures.notFoundByID) }
        let body = request.bodyObject() ?? [:]
        if let name = body["name"] as? String { stored[index].name = name }
        if let email = body["email"] as? String { stored[index].email = email }
        return .json(200, Self.json(stored[index]))
    }

    private func delete(_ id: String) -> Fault {
        guard let index = stored.firstIndex(where: { $0.id == id }) else { return .json(404, Fixtures.notFoundByID) }
        guard stored[index].status == "published" else { return .json(404, Self.doesNotExist) }
        stored[index].status = "archived"
        return .respond(204, "")
    }

    static let doesNotExist = #"{"code":"not_found","message":"Customer does not exist","http_status_code":404}"#

    static func notFoundByLookupKey(_ key: String) -> String {
        #"{"code":"not_found","message":"Customer with lookup key \#(key) was not found","http_status_code":404,"#
            + #""details":{"lookup_key":\#(Fixtures.quoted(key))}}"#
    }
}
