/// A customer as labelled rows, for the console's detail screen and the CLI's detail block:
/// the catalogue's detail fields in its order, then the record's bookkeeping. One place, so
/// both show the same fields and a new one shows in both.
public struct CustomerDetailRow: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// A field's value.
        case value
        /// One metadata pair ("key = value"); the first carries the label.
        case metadataPair
        /// Nothing there: "(none)".
        case none
        /// The customer's status (published or archived).
        case status
        /// Bookkeeping of little interest (tenant, environment).
        case quiet
    }

    public var label: String
    public var value: String
    public var kind: Kind
    public var field: CustomerField?

    public init(label: String, value: String, kind: Kind, field: CustomerField? = nil) {
        self.label = label
        self.value = value
        self.kind = kind
        self.field = field
    }
}

extension Customer {
    /// Every field this customer carries, as rows: ID first, then the catalogue's detail
    /// fields (contact and time zone only once set, the country with its name, each metadata
    /// pair), then status, created, updated, tenant and environment.
    public var detailRows: [CustomerDetailRow] {
        var rows = [CustomerDetailRow(label: "ID", value: id, kind: .value)]
        for field in FieldCatalogue.fields(in: .detail) {
            let descriptor = FieldCatalogue[field]
            switch field {
            case .metadata:
                let pairs = metadata ?? [:]
                if pairs.isEmpty { rows.append(.init(label: descriptor.label, value: "(none)", kind: .none, field: field)) }
                for (index, key) in pairs.keys.sorted().enumerated() {
                    rows.append(.init(label: index == 0 ? "\(descriptor.label) (\(pairs.count))" : "", value: "\(key) = \(pairs[key]!)",
                                      kind: .metadataPair, field: field))
                }
            case .parentCustomerID:
                // Only backends with parents say whether there is one.
                guard includesParentCustomerID else { continue }
                let parent = parentCustomerID ?? ""
                rows.append(.init(label: "Parent", value: parent.isEmpty ? "(none)" : parent, kind: parent.isEmpty ? .none : .value,
                                  field: field))
            case .addressCountry:
                let code = self.addressCountry
                rows.append(.init(label: descriptor.label, value: code.isEmpty ? "" : "\(code) \(CountryRule.name(of: code) ?? "")",
                                  kind: .value, field: field))
            default:
                guard descriptor.isText else { continue }
                // A field only some customers carry (contact, time zone) shows once set.
                if descriptor.inCustomer == .whenSet && texts[field] == nil { continue }
                rows.append(.init(label: descriptor.label, value: texts[field] ?? "", kind: .value, field: field))
            }
        }
        rows += [
            .init(label: "Status", value: status.rawValue, kind: .status),
            .init(label: "Created", value: "\(createdAt.text)  by \(createdBy.isEmpty ? "-" : createdBy)", kind: .value),
            .init(label: "Updated", value: "\(updatedAt.text)  by \(updatedBy.isEmpty ? "-" : updatedBy)", kind: .value),
            .init(label: "Tenant", value: tenantID, kind: .quiet),
            .init(label: "Environment", value: environmentID, kind: .quiet),
        ]
        return rows
    }
}
