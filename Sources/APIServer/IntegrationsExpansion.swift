import CustomerKit
import LocalStore

/// `?expand=integrations`: the integration mappings the store kept from create and update
/// requests, shaped as the live server's `EntityIntegrationMappingResponse` objects. The live
/// server validates mappings and then drops them (contract section 16); the product documents
/// say they are kept, and so they are here.
enum IntegrationsExpansion {
    static func attach(_ customers: [Customer], _ store: LocalCustomerStore) async throws -> [Customer] {
        let mappings = try await store.integrationMappings(customerIDs: customers.map(\.id))
        return customers.map { customer in
            guard let list = mappings[customer.id], !list.isEmpty else { return customer }
            var customer = customer
            customer.integrations = list.enumerated().map { response(for: $1, index: $0, of: customer) }
            return customer
        }
    }

    /// Mappings have no identity of their own in the store: the id is the customer's ULID and
    /// the mapping's position, stable until the next update that sends mappings.
    static func response(for mapping: IntegrationEntityMapping, index: Int, of customer: Customer)
        -> IntegrationMappingResponse {
        let ulid = customer.id.hasPrefix("cust_") ? String(customer.id.dropFirst(5)) : customer.id
        return [
            "id": .string("eim_\(ulid)_\(index + 1)"),
            "entity_id": .string(mapping.entityID ?? customer.id),
            "entity_type": .string(mapping.entityType ?? "customer"),
            "provider_type": .string(mapping.providerType ?? ""),
            "provider_entity_id": .string(mapping.providerEntityID ?? ""),
            "metadata": mapping.metadata ?? .object([:]),
            "environment_id": .string(customer.environmentID),
            "tenant_id": .string(customer.tenantID),
            "status": .string("published"),
            "created_at": .string(customer.updatedAt.text),
            "updated_at": .string(customer.updatedAt.text),
            "created_by": .string(customer.updatedBy),
            "updated_by": .string(customer.updatedBy),
        ]
    }
}
