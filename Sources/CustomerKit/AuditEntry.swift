/// One line of the audit trail: who changed which customer, when, through which backend, and
/// each field's old and new value (JSON names; absent old value on create, new on delete).
public struct AuditEntry: Sendable, Hashable, Codable {
    public enum Action: String, Sendable, Hashable, Codable {
        case create, update, delete
    }

    public struct Change: Sendable, Hashable, Codable {
        public var old: JSONValue?
        public var new: JSONValue?
        public init(old: JSONValue?, new: JSONValue?) {
            self.old = old
            self.new = new
        }
    }

    public var time: Timestamp
    public var `operator`: String
    public var backend: String
    public var action: Action
    public var customerID: String
    public var externalID: String
    public var changes: [String: Change]

    public init(time: Timestamp, operator: String, backend: String, action: Action, customerID: String,
                externalID: String, changes: [String: Change]) {
        self.time = time
        self.operator = `operator`
        self.backend = backend
        self.action = action
        self.customerID = customerID
        self.externalID = externalID
        self.changes = changes
    }

    enum CodingKeys: String, CodingKey {
        case time, `operator`, backend, action, customerID = "customer_id", externalID = "external_id", changes
    }

    /// The fields that differ between two versions of a customer (nil = absent).
    public static func changes(from before: Customer?, to after: Customer?) -> [String: Change] {
        var changes: [String: Change] = [:]
        for field in FieldCatalogue.textFields.filter({ $0.inCustomer != .never }).map(\.field) {
            let old = before.flatMap { $0.value(of: field) }.map(JSONValue.string)
            let new = after.flatMap { $0.value(of: field) }.map(JSONValue.string)
            let oldText = old ?? .string("")
            let newText = new ?? .string("")
            if oldText != newText { changes[field.jsonName] = Change(old: old, new: new) }
        }
        let oldMetadata = before?.metadata.map { JSONValue.object($0.mapValues(JSONValue.string)) }
        let newMetadata = after?.metadata.map { JSONValue.object($0.mapValues(JSONValue.string)) }
        if (before?.metadata ?? [:]) != (after?.metadata ?? [:]) {
            changes[CustomerField.metadata.jsonName] = Change(old: oldMetadata, new: newMetadata)
        }
        if before?.status != after?.status {
            changes["status"] = Change(old: before.map { .string($0.status.rawValue) },
                                       new: after.map { .string($0.status.rawValue) })
        }
        return changes
    }
}
