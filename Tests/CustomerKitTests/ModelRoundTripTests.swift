import Foundation
import Testing
@testable import CustomerKit

/// The JSON of the contract decodes and re-encodes without loss.
@Suite struct ModelRoundTripTests {
    // A live-server customer (section 4): contact omitted, timezone present, no parent key,
    // nanosecond created_at as the create response carries it.
    static let liveCustomer = """
    {"id":"cust_01K3B7Q9Z5M2X8D4N6P0R1S2T3","external_id":"user_12345","name":"Acme Corporation",
     "email":"billing@acme.com","address_line1":"123 Main Street","address_line2":"","address_city":"San Francisco",
     "address_state":"CA","address_postal_code":"94105","address_country":"US","timezone":"UTC",
     "metadata":{"plan_tier":"enterprise"},"environment_id":"env_01K3B7Q9Z5M2X8D4N6P0R1S2T4",
     "tenant_id":"00000000-0000-0000-0000-000000000000","status":"published",
     "created_at":"2025-08-22T10:15:30.123456789Z","updated_at":"2025-08-22T10:15:30.123456Z",
     "created_by":"user_01","updated_by":""}
    """

    // The product documents' shape: parent_customer_id present (null), metadata null, contact set.
    static let seedCustomer = """
    {"id":"cust_abc123xyz789","external_id":"dept-7","name":"Team","email":"","contact":"",
     "address_line1":"","address_line2":"","address_city":"","address_state":"","address_postal_code":"",
     "address_country":"","metadata":null,"environment_id":"env_1","tenant_id":"t","status":"archived",
     "created_at":"2025-08-22T10:15:30Z","updated_at":"2025-08-22T12:15:30+02:00","created_by":"",
     "updated_by":"","parent_customer_id":null}
    """

    @Test func liveCustomerRoundTrips() throws {
        let (original, again) = try roundTrip(Customer.self, Self.liveCustomer)
        #expect(original == again)
        let customer = try JSONDecoder().decode(Customer.self, from: Data(Self.liveCustomer.utf8))
        #expect(customer.contact == nil)
        #expect(!customer.includesParentCustomerID)
        #expect(customer.metadata == ["plan_tier": "enterprise"])
        #expect(customer.status == .published)
    }

    @Test func seedCustomerRoundTrips() throws {
        let (original, again) = try roundTrip(Customer.self, Self.seedCustomer)
        #expect(original == again)
        let customer = try JSONDecoder().decode(Customer.self, from: Data(Self.seedCustomer.utf8))
        #expect(customer.includesParentCustomerID)
        #expect(customer.parentCustomerID == nil)
        #expect(customer.metadata == nil)
        #expect(customer.status == .archived)
        // 12:15:30+02:00 is 10:15:30Z: timestamps compare as instants, not strings.
        #expect(customer.updatedAt == customer.createdAt)
    }

    @Test func unknownKeysFromNewerServersSurvive() throws {
        var text = Self.liveCustomer
        text.removeLast()
        text += #","billing_currency":"usd","contact_persons":[{"name":"A","primary":true}],"integrations":[{"id":"eim_1","provider_type":"stripe","metadata":{"k":1}}]}"#
        let (original, again) = try roundTrip(Customer.self, text)
        #expect(original == again)
    }

    @Test func createRequestFromTheSDKRoundTrips() throws {
        let body = #"{"external_id":"user_12345","name":"Acme Corporation","address_country":"US","email":"billing@acme.com","metadata":{"plan_tier":"enterprise"}}"#
        let (original, again) = try roundTrip(CreateCustomerRequest.self, body)
        #expect(original == again)
    }

    @Test func fullCreateRequestRoundTrips() throws {
        let body = """
        {"external_id":"x","name":"n","email":"a@b.co","contact":"+1","address_line1":"l1","address_line2":"l2",
         "address_city":"c","address_state":"s","address_postal_code":"p","address_country":"DE","timezone":"Asia/Kolkata",
         "metadata":{},"parent_customer_external_id":"parent-1","skip_onboarding_workflow":true,
         "onboarding_workflow_name":"wf",
         "integration_entity_mapping":[{"entity_id":"cust_1","entity_type":"customer","provider_type":"stripe","provider_entity_id":"cus_123","metadata":{"any":"json","n":2,"deep":[true,null]}}],
         "tax_rate_overrides":[{"tax_rate_code":"GST18","currency":"inr","priority":0,"auto_apply":true,"metadata":{"k":"v"}}]}
        """
        let (original, again) = try roundTrip(CreateCustomerRequest.self, body)
        #expect(original == again)
    }

    @Test(arguments: [
        #"{"metadata":{"plan_tier":"enterprise_plus"},"name":"Acme Corp (Updated)"}"#,
        #"{"email":"new@acme.com"}"#,
        #"{"email":""}"#,
        #"{}"#,
        #"{"metadata":{},"parent_customer_id":""}"#,
    ])
    func updateRequestsSendOnlyWhatTheyHold(body: String) throws {
        let (original, again) = try roundTrip(UpdateCustomerRequest.self, body)
        #expect(original == again)
    }

    @Test func emptyUpdateIsEmpty() throws {
        let request = try JSONDecoder().decode(UpdateCustomerRequest.self, from: Data("{}".utf8))
        #expect(request.isEmpty)
        #expect(request.fields.isEmpty)
        let some = try JSONDecoder().decode(UpdateCustomerRequest.self, from: Data(#"{"email":"","metadata":{}}"#.utf8))
        #expect(some.fields == [.email, .metadata])
    }

    @Test func listResponseKeepsTheServersOffsetMeaning() throws {
        let body = "{\"items\":[\(Self.liveCustomer)],\"pagination\":{\"total\":137,\"limit\":50,\"offset\":150}}"
        let (original, again) = try roundTrip(ListCustomersResponse.self, body)
        #expect(original == again)
        let response = try JSONDecoder().decode(ListCustomersResponse.self, from: Data(body.utf8))
        let page = response.page(requestedOffset: 100)
        #expect(page.offset == 100)
        #expect(ListCustomersResponse(page: page).pagination.offset == 150)
    }

    @Test(arguments: [
        #"{"code":"validation_error","message":"Request validation failed","http_status_code":400,"details":{"Name":"Key: 'CreateCustomerRequest.Name' Error:Field validation for 'Name' failed on the 'required' tag","AddressCountry":"Key: 'CreateCustomerRequest.AddressCountry' Error:Field validation for 'AddressCountry' failed on the 'iso3166_1_alpha2' tag"}}"#,
        #"{"code":"validation_error","message":"Invalid request format","http_status_code":400}"#,
        #"{"code":"validation_error","message":"Address line 1 must be less than 255 characters","http_status_code":400}"#,
        #"{"code":"validation_error","message":"Invalid filter parameters","http_status_code":400,"details":{"limit":"must be between 1 and 1000"}}"#,
        #"{"code":"not_found","message":"Customer with ID cust_01K3B7Q9Z5M2X8D4N6P0R1S2T3 was not found","http_status_code":404,"details":{"customer_id":"cust_01K3B7Q9Z5M2X8D4N6P0R1S2T3"}}"#,
        #"{"code":"not_found","message":"Customer with lookup key user_12345 was not found","http_status_code":404,"details":{"lookup_key":"user_12345"}}"#,
        #"{"code":"already_exists","message":"A customer with this identifier already exists","http_status_code":409,"details":{"external_id":"user_12345"}}"#,
        #"{"code":"invalid_operation","message":"Please cancel all subscriptions before deleting the customer","http_status_code":400}"#,
    ])
    func contractErrorsRoundTrip(body: String) throws {
        let (original, again) = try roundTrip(ErrorResponse.self, body)
        #expect(original == again)
    }

    @Test func mappingAndTaxOverrideShapesRoundTrip() throws {
        let mapping = #"{"entity_id":"cust_...","entity_type":"customer","provider_type":"stripe","provider_entity_id":"cus_123","metadata":{"any":"json"}}"#
        let (m1, m2) = try roundTrip(IntegrationEntityMapping.self, mapping)
        #expect(m1 == m2)
        let tax = #"{"tax_rate_code":"GST18","currency":"inr","priority":0,"auto_apply":true,"metadata":{"k":"v"}}"#
        let (t1, t2) = try roundTrip(TaxRateOverride.self, tax)
        #expect(t1 == t2)
    }

    @Test func wrongTypesAreInvalidRequestFormat() {
        #expect(throws: CustomerError.validation(message: "Invalid request format", fields: [:])) {
            _ = try CustomerJSON.decodeRequest(CreateCustomerRequest.self, from: Data(#"{"external_id":"x","metadata":{"n":1}}"#.utf8))
        }
    }
}
