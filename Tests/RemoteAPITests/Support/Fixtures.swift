import Foundation

/// Response bodies in the live server's shapes (contract sections 2, 4, 9 and 12).
enum Fixtures {
    static let customerID = "cust_01K3B7Q9Z5M2X8D4N6P0R1S2T3"

    /// A customer object as the server writes it: every key present except `contact`,
    /// nanoseconds on create, null metadata when created without any.
    static func customer(id: String = customerID, externalID: String = "user_12345",
                         name: String = "Acme Corporation", email: String = "billing@acme.com",
                         createdAt: String = "2026-08-22T10:15:30.123456789Z",
                         metadata: String = #"{"plan_tier":"enterprise"}"#,
                         status: String = "published") -> String {
        """
        {"id":\(quoted(id)),"external_id":\(quoted(externalID)),"name":\(quoted(name)),"email":\(quoted(email)),\
        "address_line1":"","address_line2":"","address_city":"","address_state":"","address_postal_code":"",\
        "address_country":"US","timezone":"UTC","metadata":\(metadata),\
        "environment_id":"env_01K3B7Q9Z5M2X8D4N6P0R1S2T3","tenant_id":"00000000-0000-0000-0000-000000000000",\
        "status":\(quoted(status)),"created_at":\(quoted(createdAt)),"updated_at":\(quoted(createdAt)),\
        "created_by":"","updated_by":""}
        """
    }

    /// `ListCustomersResponse`; as the server does, `pagination.offset` is offset + limit.
    static func list(_ items: [String], total: Int, limit: Int, requestOffset: Int) -> String {
        #"{"items":["# + items.joined(separator: ",")
            + #"],"pagination":{"total":\#(total),"limit":\#(limit),"offset":\#(requestOffset + limit)}}"#
    }

    static func quoted(_ text: String) -> String {
        let data = try! JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])
        let array = String(decoding: data, as: UTF8.self)
        return String(array.dropFirst().dropLast())
    }

    // MARK: - Errors, as in the contract

    static let validationTwoFields = """
        {"code":"validation_error","message":"Request validation failed","http_status_code":400,\
        "details":{"Name":"Key: 'CreateCustomerRequest.Name' Error:Field validation for 'Name' failed on the 'required' tag",\
        "AddressCountry":"Key: 'CreateCustomerRequest.AddressCountry' Error:Field validation for 'AddressCountry' failed on the 'iso3166_1_alpha2' tag"}}
        """

    static func validationOneField(_ goName: String, tag: String) -> String {
        """
        {"code":"validation_error","message":"Request validation failed","http_status_code":400,\
        "details":{"\(goName)":"Key: 'CreateCustomerRequest.\(goName)' Error:Field validation for '\(goName)' failed on the '\(tag)' tag"}}
        """
    }

    static let invalidRequestFormat =
        #"{"code":"validation_error","message":"Invalid request format","http_status_code":400}"#
    static let addressLine1TooLong =
        #"{"code":"validation_error","message":"Address line 1 must be less than 255 characters","http_status_code":400}"#
    static let gstinInvalid =
        #"{"code":"validation_error","message":"GSTIN must be 15 characters, e.g. \"27AAMCM4148E1ZD\"","http_status_code":400}"#
    static let invalidFilter = """
        {"code":"validation_error","message":"Invalid filter parameters","http_status_code":400,"details":{"limit":"must be between 1 and 1000"}}
        """
    static let notFoundByID = """
        {"code":"not_found","message":"Customer with ID cust_01K3B7Q9Z5M2X8D4N6P0R1S2T3 was not found","http_status_code":404,\
        "details":{"customer_id":"cust_01K3B7Q9Z5M2X8D4N6P0R1S2T3"}}
        """
    static let notFoundByLookupKey = """
        {"code":"not_found","message":"Customer with lookup key user_12345 was not found","http_status_code":404,\
        "details":{"lookup_key":"user_12345"}}
        """
    static let alreadyExists = """
        {"code":"already_exists","message":"A customer with this identifier already exists","http_status_code":409,\
        "details":{"external_id":"user_12345"}}
        """
    static let invalidOperation = """
        {"code":"invalid_operation","message":"Please cancel all subscriptions before deleting the customer","http_status_code":400}
        """
    static let databaseError =
        #"{"code":"database_error","message":"Failed to update customer","http_status_code":500}"#

    static let unauthorized = #"{"error":"Unauthorized"}"#
    static let invalidToken = #"{"error":"Invalid token"}"#
    static let environmentDenied = #"{"error":"Access denied","message":"Invalid or inaccessible environment"}"#
    static let insufficientPermissions = #"{"message":"insufficient permissions"}"#
    static let pageNotFound = "404 page not found"
    static let proxyBadGateway = """
        <html>
        <head><title>502 Bad Gateway</title><style>body { color: red }</style></head>
        <body>
        <center><h1>502 Bad Gateway</h1></center>
        <hr><center>nginx/1.25.3</center>
        </body>
        </html>
        """
}
