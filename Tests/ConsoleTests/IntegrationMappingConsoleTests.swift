import Console
import CustomerKit
import LocalStore
import Synchronization
import Testing
import TerminalUI

/// Integration mappings and tax rate overrides in the console: the detail shows a customer's
/// mappings; the form edits them where the backend keeps them (the embedded store) and shows
/// them read-only, with the reason, where it does not (the live FlexPrice server); tax rate
/// overrides can be given on create.
@Suite struct IntegrationMappingConsoleTests {
    /// The embedded store, with the create requests it was sent.
    final class RecordingStore: ForwardingBackend {
        let store: LocalCustomerStore
        let sent = Mutex<[CreateCustomerRequest]>([])
        let updates = Mutex<[UpdateCustomerRequest]>([])
        init() throws { store = try LocalCustomerStore.temporary() }
        var forwardee: any CustomerBackend { store }
        func create(_ request: CreateCustomerRequest) async throws(CustomerError) -> Customer {
            sent.withLock { $0.append(request) }
            return try await store.create(request)
        }
        func update(_ ref: CustomerRef, _ request: UpdateCustomerRequest, expecting version: Timestamp?)
            async throws(CustomerError) -> CustomerUpdate {
            updates.withLock { $0.append(request) }
            return try await store.update(ref, request, expecting: version)
        }
    }

    static let size = Size(cols: 100, rows: 30)

    /// From the list, a new customer's form with its external id typed, focus on metadata.
    static func newFormAtMetadata(_ h: inout ConsoleHarness, externalID: String) async {
        await h.press(.character("n"))
        await h.type(externalID)
        for _ in 0..<(CustomerDraft.textFields.count - 1) { await h.press(.tab) }
        await h.press(.tab)
    }

    @Test func aNewCustomerGetsMappingsAndTaxRatesOnTheEmbeddedStore() async throws {
        let backend = try RecordingStore()
        var h = await ConsoleHarness(backend: backend, size: Self.size)
        await Self.newFormAtMetadata(&h, externalID: "map-1")
        #expect(h.contains("Integrations") && h.contains("provider = its id"), "the integrations list and its hint:\(h)")
        #expect(h.contains("Tax rates") && h.contains("tax rate code = currency"))
        await h.press(.tab)  // to integrations
        await h.type("stripe")
        await h.press(.tab)
        await h.type("cus_123")
        await h.press(.enter)
        await h.press(.tab)  // to tax rates
        await h.type("GST18")
        await h.press(.tab)
        await h.type("inr")
        await h.press(.enter)
        await h.press(.control("s"))
        let request = try #require(backend.sent.withLock { $0.first })
        #expect(request.integrationEntityMapping == [IntegrationEntityMapping(entityID: "map-1", entityType: "customer",
                                                                               providerType: "stripe", providerEntityID: "cus_123")])
        #expect(request.taxRateOverrides == [TaxRateOverride(taxRateCode: "GST18", currency: "inr", autoApply: true)])
        let saved = try await backend.store.customer(externalID: "map-1")
        #expect(try await backend.store.integrationMappings(customerID: saved.id).map(\.providerEntityID) == ["cus_123"])
        await h.press(.enter)
        #expect(h.contains("Integrations (1)") && h.contains("stripe = cus_123"), "the detail shows it:\(h)")
    }

    @Test func editingChangesMappingsOnlyWhenTheOperatorDoes() async throws {
        let backend = try RecordingStore()
        let customer = try await backend.store.create(CreateCustomerRequest(
            externalID: "map-2", name: "Mapped", integrationEntityMapping: [
                IntegrationEntityMapping(entityID: "x", entityType: "customer", providerType: "stripe", providerEntityID: "cus_old"),
            ]))
        var h = await ConsoleHarness(backend: backend, size: Self.size)
        await h.press(.character("e"))
        #expect(h.contains("stripe") && h.contains("cus_old"), "the form shows the kept mapping:\(h)")
        await h.press(.tab)  // name
        await h.type(" Ltd")
        await h.press(.control("s"))
        #expect(backend.updates.withLock { $0.first?.integrationEntityMapping } == nil, "untouched mappings are not sent")
        await h.press(.character("e"))
        for _ in 0..<CustomerDraft.textFields.count { await h.press(.tab) }
        await h.press(.tab)  // past metadata, onto the integrations' first row
        await h.press(.delete)
        await h.type("razorpay")
        await h.press(.tab)
        await h.type("cust_9")
        await h.press(.enter)
        await h.press(.control("s"))
        let sent = try #require(backend.updates.withLock { $0.last?.integrationEntityMapping })
        #expect(sent.map(\.providerType) == ["razorpay"] && sent.map(\.entityID) == [customer.id])
        #expect(try await backend.store.integrationMappings(customerID: customer.id).map(\.providerEntityID) == ["cust_9"])
    }

    @Test func aServerThatKeepsNoMappingsShowsThemReadOnlyWithTheReason() async throws {
        let backend = FakeBackend(count: 1)
        backend.setMappings([IntegrationEntityMapping(entityType: "customer", providerType: "stripe", providerEntityID: "cus_live")],
                            for: "cust_00000")
        var h = await ConsoleHarness(backend: backend, size: Self.size)
        await h.press(.enter)
        #expect(h.contains("Integrations (1)") && h.contains("stripe = cus_live"), "the detail shows the server's mappings:\(h)")
        await h.press(.character("e"))
        #expect(h.contains("stripe = cus_live"), "\(h)")
        #expect(h.contains("read-only: this server keeps mappings in its integrations API"), "\(h)")
        // Focus goes from metadata straight on: the read-only list takes no keys.
        for _ in 0..<CustomerDraft.textFields.count { await h.press(.tab) }
        await h.press(.tab)
        await h.type("x")
        #expect(!h.contains("x ="), "nothing can be typed into it:\(h)")
        await h.press(.escape)
    }

    @Test func aMappingBeingTypedIsInTheDraftAHangUpKeeps() async throws {
        let backend = try RecordingStore()
        var h = await ConsoleHarness(backend: backend, size: Self.size)
        await Self.newFormAtMetadata(&h, externalID: "map-3")
        await h.press(.tab)
        await h.type("paypal")
        let draft = try #require(h.app.openDrafts.first)
        #expect(draft.draft.integrations == [CustomerDraft.Pair(key: "paypal", value: "")])
    }

    @Test func anIncompleteMappingIsRefusedOnSaveAndKept() async throws {
        let backend = try RecordingStore()
        var h = await ConsoleHarness(backend: backend, size: Self.size)
        await Self.newFormAtMetadata(&h, externalID: "map-4")
        await h.press(.tab)
        await h.type("stripe")
        await h.press(.enter)
        await h.press(.control("s"))
        #expect(backend.sent.withLock { $0.isEmpty })
        #expect(h.contains("stripe has no provider id"), "\(h)")
        #expect(h.contains("stripe"), "the pair stays as typed")
    }
}
