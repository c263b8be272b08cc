import Foundation
import Testing
@testable import CustomerKit

@Suite struct CustomerErrorTests {
    @Test func carriesCodeStatusAndDetailsAsTheAPIWrites() throws {
        let error = CustomerError.alreadyExists(message: "A customer with this identifier already exists",
                                                details: ["external_id": "user_12345"])
        #expect(error.code == "already_exists")
        #expect(error.httpStatus == 409)
        let json = CustomerJSON.encode(error.response)
        #expect(jsonObject(json) == jsonObject(#"{"code":"already_exists","message":"A customer with this identifier already exists","http_status_code":409,"details":{"external_id":"user_12345"}}"#))
        #expect(error.fieldErrors[.externalID] == "user_12345")
    }

    @Test func emptyDetailsAreOmitted() throws {
        let json = String(decoding: CustomerJSON.encode(CustomerError.notFound(message: "Customer does not exist", details: [:]).response), as: UTF8.self)
        #expect(!json.contains("details"))
    }

    @Test func goFieldNamesMapToJSONNames() {
        #expect(CustomerField(detailsKey: "AddressPostalCode") == .addressPostalCode)
        #expect(CustomerField(detailsKey: "ExternalID") == .externalID)
        #expect(CustomerField(detailsKey: "address_country") == .addressCountry)
        #expect(CustomerField(detailsKey: "lookup_key") == nil)
    }

    @Test func descriptionNamesEveryField() {
        let error = CustomerError.validation([
            FieldIssue(field: .email, kind: .invalidEmail),
            FieldIssue(field: .addressCountry, kind: .invalidCountry),
        ])
        #expect(error.description.contains("Email: not a valid email address"))
        #expect(error.description.contains("Country: use a two-letter"))
    }

    @Test func queryBoundsMatchTheAPI() {
        #expect(CustomerQuery(limit: 0).problem != nil)
        #expect(CustomerQuery(limit: 1001).problem != nil)
        #expect(CustomerQuery(offset: -1).problem != nil)
        #expect(CustomerQuery(limit: 1000).problem == nil)
    }
}
