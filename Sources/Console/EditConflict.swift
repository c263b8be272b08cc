import CustomerKit

/// Someone else saved the customer while this form was open (its `updated_at` moved).
/// Holds their version and what differs, so the operator can choose knowing what is at stake.
struct EditConflict: Sendable, Hashable {
    struct Difference: Sendable, Hashable {
        var field: CustomerField
        var original: String
        var theirs: String
        var mine: String
        /// Both sides changed this field: overwriting drops their value.
        var clashes: Bool
    }

    var theirs: Customer
    var differences: [Difference]

    /// The fields someone else changed since `original`, with what the form holds now.
    init(original: Customer, theirs: Customer, mine: CustomerDraft) {
        self.theirs = theirs
        let before = CustomerDraft(customer: original)
        let after = CustomerDraft(customer: theirs)
        var differences: [Difference] = []
        for field in CustomerDraft.textFields where before[field] != after[field] {
            differences.append(Difference(field: field, original: before[field], theirs: after[field], mine: mine[field],
                                          clashes: mine[field] != before[field] && mine[field] != after[field]))
        }
        if before.metadataMap != after.metadataMap {
            func text(_ map: [String: String]) -> String {
                map.keys.sorted().map { "\($0)=\(map[$0]!)" }.joined(separator: ", ")
            }
            differences.append(Difference(field: .metadata, original: text(before.metadataMap), theirs: text(after.metadataMap),
                                          mine: text(mine.metadataMap),
                                          clashes: mine.metadataMap != before.metadataMap && mine.metadataMap != after.metadataMap))
        }
        if before.parentCustomerID != after.parentCustomerID {
            differences.append(Difference(field: .parentCustomerID, original: before.parentCustomerID,
                                          theirs: after.parentCustomerID, mine: mine.parentCustomerID,
                                          clashes: mine.parentCustomerID != before.parentCustomerID
                                              && mine.parentCustomerID != after.parentCustomerID))
        }
        self.differences = differences
    }

    /// Their version with this form's own changes on top: what "reload" gives, so nothing the
    /// operator typed is lost.
    static func rebase(mine: CustomerDraft, original: Customer, theirs: Customer) -> CustomerDraft {
        let before = CustomerDraft(customer: original)
        var merged = CustomerDraft(customer: theirs)
        for field in CustomerDraft.textFields where mine[field] != before[field] { merged[field] = mine[field] }
        if mine.metadataMap != before.metadataMap { merged.metadata = mine.metadata }
        if mine.parentCustomerID != before.parentCustomerID { merged.parentCustomerID = mine.parentCustomerID }
        return merged
    }
}
