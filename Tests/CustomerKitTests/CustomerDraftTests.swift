import Testing
@testable import CustomerKit

@Suite struct CustomerDraftTests {
    static let original = Customer(
        id: "cust_1", externalID: "x-1", name: "Acme", email: "a@acme.com", addressCity: "Berlin",
        addressCountry: "DE", metadata: ["tier": "gold", "region": "eu"], createdAt: .now(), updatedAt: .now())

    @Test func unchangedDraftMakesAnEmptyUpdate() {
        let draft = CustomerDraft(customer: Self.original)
        #expect(draft.updateRequest(from: Self.original).isEmpty)
    }

    @Test func updateHoldsOnlyWhatChanged() {
        var draft = CustomerDraft(customer: Self.original)
        draft[.name] = "Acme GmbH"
        draft[.addressCity] = ""
        let request = draft.updateRequest(from: Self.original)
        #expect(request == UpdateCustomerRequest(name: "Acme GmbH", addressCity: ""))
    }

    @Test func metadataIsSentWholeWhenAnyPairChanges() {
        var draft = CustomerDraft(customer: Self.original)
        draft.metadata.removeAll { $0.key == "region" }
        #expect(draft.updateRequest(from: Self.original).metadata == ["tier": "gold"])
        draft.metadata = []
        #expect(draft.updateRequest(from: Self.original).metadata == [:])
    }

    @Test func createLeavesEmptyFieldsOut() {
        var draft = CustomerDraft()
        draft[.externalID] = "new"
        draft[.email] = ""
        let request = draft.createRequest()
        #expect(request == CreateCustomerRequest(externalID: "new"))
    }

    @Test func metadataPairProblems() {
        var draft = CustomerDraft()
        draft.metadata = [.init(key: "a", value: "1"), .init(key: "a", value: "2")]
        #expect(draft.metadataIssue?.message == "Metadata: key \"a\" appears twice")
        draft.metadata = [.init(key: "", value: "1")]
        #expect(draft.metadataIssue != nil)
    }

    @Test func issuesComeInFormOrder() {
        var draft = CustomerDraft()
        draft[.addressCountry] = "XX"
        draft[.email] = "bad"
        #expect(draft.issues().map(\.field) == [.externalID, .email, .addressCountry])
    }
}

@Suite struct CustomerDraftEqualityTests {
    @Test func aFreshDraftEqualsOneWithEmptyFields() {
        var typed = CustomerDraft()
        typed[.name] = ""
        #expect(typed == CustomerDraft())
        typed[.name] = "x"
        #expect(typed != CustomerDraft())
    }
}
