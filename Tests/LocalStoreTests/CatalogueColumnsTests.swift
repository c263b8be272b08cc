import CustomerKit
import GRDB
@testable import LocalStore
import Testing

/// The store's column lists come from the field catalogue: every catalogue column exists in the
/// schema with the nullability the catalogue says, and a row reads back by name into every field.
@Suite struct CatalogueColumnsTests {
    @Test func everyCatalogueColumnIsInTheSchemaAsDescribed() async throws {
        let store = try makeStore()
        let columns = try await store.read { db in try db.columns(in: "customers") }
        let byName = Dictionary(uniqueKeysWithValues: columns.map { ($0.name, $0) })
        for descriptor in FieldCatalogue.all {
            guard let column = descriptor.column else { continue }
            let info = try #require(byName[column], "no column \(column) for \(descriptor.field)")
            // Text columns that are NOT NULL get "" for a value never set; JSON columns may be NULL.
            if descriptor.isText { #expect(info.isNotNull == !descriptor.columnIsNullable, "\(column)") }
        }
        #expect(CustomerRecord.columns.split(separator: ",").count == FieldCatalogue.columns.count + 7)
    }

    @Test func everyTextFieldIsWrittenAndReadBackByItsColumn() async throws {
        let store = try makeStore()
        var request = CreateCustomerRequest(externalID: "cat-1")
        for descriptor in CustomerRecord.textColumns where descriptor.field != .externalID && descriptor.field != .parentCustomerID {
            let valid: [CustomerField: String] = [.email: "ops@example.com", .addressCountry: "DE", .timezone: "Europe/Berlin"]
            request.set(descriptor.field, valid[descriptor.field] ?? String("v-\(descriptor.jsonKey)".prefix(20)))
        }
        let created = try await store.create(request)
        let read = try await store.customer(id: created.id)
        for descriptor in CustomerRecord.textColumns where descriptor.field != .parentCustomerID {
            #expect(read.value(of: descriptor.field) == request.value(of: descriptor.field), "\(descriptor.field)")
        }
    }
}
