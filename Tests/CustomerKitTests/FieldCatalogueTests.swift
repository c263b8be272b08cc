import Foundation
import Testing
@testable import CustomerKit

/// The field catalogue describes every field once; everything derived from it must agree with
/// it. Adding a field means adding its entry (and a column migration for the local store).
@Suite struct FieldCatalogueTests {
    @Test("every field has exactly one entry, in CustomerField's order, with its own rule")
    func oneEntryPerField() {
        #expect(FieldCatalogue.all.map(\.field) == CustomerField.allCases)
        for descriptor in FieldCatalogue.all {
            #expect(descriptor.rule.field == descriptor.field, "\(descriptor.field)")
            #expect(CustomerValidation.rule(for: descriptor.field) == descriptor.rule)
            #expect(CustomerField(detailsKey: descriptor.goName) == descriptor.field)
            #expect(CustomerField(detailsKey: descriptor.jsonKey) == descriptor.field)
            #expect(!descriptor.label.isEmpty)
        }
        #expect(Set(FieldCatalogue.all.map(\.goName)).count == FieldCatalogue.all.count)
        #expect(Set(FieldCatalogue.all.map(\.label)).count == FieldCatalogue.all.count)
        #expect(Set(FieldCatalogue.columns).count == FieldCatalogue.columns.count)
    }

    @Test("each text field's key path is its own, and value(of:) and set agree with it on every model")
    func keyPathsAndAccessors() {
        var paths = Set<AnyKeyPath>()
        for descriptor in FieldCatalogue.textFields {
            let path = descriptor.text!
            #expect(paths.insert(path).inserted, "\(descriptor.field) shares a key path")
            let probe = "probe-\(descriptor.jsonKey)"
            var update = UpdateCustomerRequest()
            update.set(descriptor.field, probe)
            #expect(update.value(of: descriptor.field) == probe)
            #expect(update.texts[keyPath: path] == probe)
            #expect(update.fields == [descriptor.field])
            var create = CreateCustomerRequest(externalID: "x")
            create.set(descriptor.field, probe)
            #expect(create.value(of: descriptor.field) == probe)
            var customer = Customer(id: "cust_1", externalID: "x", createdAt: .now(), updatedAt: .now())
            customer.texts[descriptor.field] = probe
            let carried = descriptor.inCustomer != .never
            #expect(customer.value(of: descriptor.field) == (carried ? probe : nil), "\(descriptor.field)")
        }
        for descriptor in FieldCatalogue.all where !descriptor.isText {
            #expect(UpdateCustomerRequest().value(of: descriptor.field) == nil)
        }
    }

    @Test("coding keys come from the catalogue: every text field round-trips under its JSON key")
    func codingKeys() throws {
        var update = UpdateCustomerRequest()
        for descriptor in FieldCatalogue.textFields { update.set(descriptor.field, "v-\(descriptor.jsonKey)") }
        let json = try JSONSerialization.jsonObject(with: CustomerJSON.encode(update)) as! [String: Any]
        #expect(Set(json.keys) == Set(FieldCatalogue.textFields.map(\.jsonKey)))
        for descriptor in FieldCatalogue.textFields { #expect(json[descriptor.jsonKey] as? String == "v-\(descriptor.jsonKey)") }
        #expect(try CustomerJSON.decoder().decode(UpdateCustomerRequest.self, from: CustomerJSON.encode(update)) == update)
        var create = CreateCustomerRequest(externalID: "x")
        for descriptor in FieldCatalogue.textFields { create.set(descriptor.field, "v-\(descriptor.jsonKey)") }
        #expect(try CustomerJSON.decoder().decode(CreateCustomerRequest.self, from: CustomerJSON.encode(create)) == create)
        // A customer writes the text fields it carries, and nothing it does not model is lost.
        var customer = Customer(id: "cust_1", externalID: "x", createdAt: .now(), updatedAt: .now())
        for descriptor in FieldCatalogue.textFields where descriptor.inCustomer != .never {
            customer.texts[descriptor.field] = "v-\(descriptor.jsonKey)"
        }
        let encoded = try JSONSerialization.jsonObject(with: CustomerJSON.encode(customer)) as! [String: Any]
        for descriptor in FieldCatalogue.textFields {
            #expect((encoded[descriptor.jsonKey] != nil) == (descriptor.inCustomer != .never), "\(descriptor.jsonKey)")
        }
        let decoded = try CustomerJSON.decoder().decode(Customer.self, from: CustomerJSON.encode(customer))
        #expect(decoded == customer)
        #expect(decoded.additionalFields.isEmpty)
    }

    @Test("the form, detail, list and search orders are the catalogue's")
    func derivedOrders() {
        func inOrder(_ fields: [CustomerField]) -> Bool { fields == fields.sorted() }
        #expect(inOrder(CustomerDraft.textFields))
        #expect(CustomerDraft.textFields == FieldCatalogue.fields(in: .form).filter { FieldCatalogue[$0].isText && $0 != .parentCustomerID })
        #expect(inOrder(FieldCatalogue.fields(in: .detail)))
        #expect(inOrder(FieldCatalogue.fields(in: .list)))
        let customer = Customer(id: "cust_1", externalID: "x", contact: "c", metadata: ["k": "v"], createdAt: .now(),
                                updatedAt: .now())
        let detailFields = customer.detailRows.compactMap(\.field)
        #expect(inOrder(detailFields))
        #expect(Set(detailFields) == Set(FieldCatalogue.fields(in: .detail)))
    }

    @Test("the limits beside the table come from it")
    func limitsFromTheTable() {
        #expect(CustomerValidation.mappingItemRules.map(\.name) == ["entity_id", "entity_type", "provider_type", "provider_entity_id"])
        let long = IntegrationEntityMapping(entityID: String(repeating: "e", count: 256), entityType: "customer",
                                            providerType: "stripe", providerEntityID: "cus_1")
        let issues = CustomerValidation.validate(CreateCustomerRequest(externalID: "x", integrationEntityMapping: [long]))
        #expect(issues.first?.problem == "item 1: entity_id must be at most 255 characters")
        #expect(CustomerQuery.limitProblem == "must be between 1 and \(CustomerQuery.maxLimit)")
    }
}
