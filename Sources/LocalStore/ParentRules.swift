import CustomerKit
import GRDB

/// Parent/child customers as the product documents describe them (contract section 15): a
/// request names the parent by `parent_customer_id` or `parent_customer_external_id`; the
/// parent must be a published customer of the same environment; one level only; a customer is
/// never its own parent; `""` detaches. The validation table already rejects naming both.
struct ParentRules {
    let scope: StoreScope
    let lookup: CustomerLookup

    init(scope: StoreScope) {
        self.scope = scope
        self.lookup = CustomerLookup(scope: scope)
    }

    /// What a request asks for: nothing (absent), no parent ("" in either field), or a parent.
    enum Change {
        case keep
        case detach
        case attach(id: String)
    }

    /// Resolves the request's parent fields for `child` (nil while creating), checking every rule.
    func change(id: String?, externalID: String?, for child: CustomerRecord?,
                _ db: Database) throws -> Change {
        let parent: CustomerRecord
        if let id, !id.isEmpty {
            guard let found = try lookup.record(id: id, db), found.status == .published else {
                throw Self.issue(.parentCustomerID, "no published customer with ID \(id) in this environment")
            }
            parent = found
        } else if let externalID, !externalID.isEmpty {
            guard let found = try lookup.record(externalID: externalID, db) else {
                throw Self.issue(.parentCustomerExternalID,
                                 "no published customer with external ID \(externalID) in this environment")
            }
            parent = found
        } else if id != nil || externalID != nil {
            return .detach
        } else {
            return .keep
        }
        let field: CustomerField = id?.isEmpty == false ? .parentCustomerID : .parentCustomerExternalID
        if let child, child.id == parent.id {
            throw Self.issue(field, "a customer cannot be its own parent")
        }
        if let grandparent = parent.parentCustomerID {
            throw CustomerError.invalidOperation(
                message: "Customer \(parent.id) is itself a child of \(grandparent); "
                    + "parents and children are one level deep only",
                details: [field.jsonName: parent.id])
        }
        if let child {
            let children = try lookup.liveChildCount(of: child.id, db)
            if children > 0 {
                throw CustomerError.invalidOperation(
                    message: "Customer \(child.id) has \(Self.children(children)) and cannot become a child itself; "
                        + "parents and children are one level deep only",
                    details: ["customer_id": child.id, "child_count": String(children)])
            }
        }
        return .attach(id: parent.id)
    }

    /// Refuses to archive a customer whose children are still live.
    func checkCanArchive(_ customer: CustomerRecord, _ db: Database) throws {
        let children = try lookup.liveChildCount(of: customer.id, db)
        guard children == 0 else {
            throw CustomerError.invalidOperation(
                message: "Customer \(customer.id) has \(Self.children(children)); "
                    + "delete them or detach them from this parent first",
                details: ["customer_id": customer.id, "child_count": String(children)])
        }
    }

    static func children(_ count: Int) -> String {
        count == 1 ? "1 live child customer" : "\(count) live child customers"
    }

    static func issue(_ field: CustomerField, _ text: String) -> CustomerError {
        .validation([FieldIssue(field: field, kind: .invalid(text))])
    }
}
