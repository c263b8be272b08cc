/// The body of `POST /customers`. Absent values are not encoded. Unknown keys are ignored
/// when decoding, as the server does.
public struct CreateCustomerRequest: Sendable, Hashable, Codable {
    public var externalID: String
    public var name: String?
    public var email: String?
    public var contact: String?
    public var addressLine1: String?
    public var addressLine2: String?
    public var addressCity: String?
    public var addressState: String?
    public var addressPostalCode: String?
    public var addressCountry: String?
    public var timezone: String?
    public var metadata: [String: String]?
    public var parentCustomerID: String?
    public var parentCustomerExternalID: String?
    public var integrationEntityMapping: [IntegrationEntityMapping]?
    public var taxRateOverrides: [TaxRateOverride]?
    public var skipOnboardingWorkflow: Bool?
    public var onboardingWorkflowName: String?

    public init(externalID: String, name: String? = nil, email: String? = nil, contact: String? = nil,
                addressLine1: String? = nil, addressLine2: String? = nil, addressCity: String? = nil,
                addressState: String? = nil, addressPostalCode: String? = nil,
                addressCountry: String? = nil, timezone: String? = nil, metadata: [String: String]? = nil,
                parentCustomerID: String? = nil, parentCustomerExternalID: String? = nil,
                integrationEntityMapping: [IntegrationEntityMapping]? = nil,
                taxRateOverrides: [TaxRateOverride]? = nil, skipOnboardingWorkflow: Bool? = nil,
                onboardingWorkflowName: String? = nil) {
        self.externalID = externalID
        self.name = name
        self.email = email
        self.contact = contact
        self.addressLine1 = addressLine1
        self.addressLine2 = addressLine2
        self.addressCity = addressCity
        self.addressState = addressState
        self.addressPostalCode = addressPostalCode
        self.addressCountry = addressCountry
        self.timezone = timezone
        self.metadata = metadata
        self.parentCustomerID = parentCustomerID
        self.parentCustomerExternalID = parentCustomerExternalID
        self.integrationEntityMapping = integrationEntityMapping
        self.taxRateOverrides = taxRateOverrides
        self.skipOnboardingWorkflow = skipOnboardingWorkflow
        self.onboardingWorkflowName = onboardingWorkflowName
    }

    /// The request's value for a text field (nil when absent or not a text field).
    public func value(of field: CustomerField) -> String? {
        switch field {
        case .externalID: externalID
        case .name: name
        case .email: email
        case .contact: contact
        case .addressLine1: addressLine1
        case .addressLine2: addressLine2
        case .addressCity: addressCity
        case .addressState: addressState
        case .addressPostalCode: addressPostalCode
        case .addressCountry: addressCountry
        case .timezone: timezone
        case .parentCustomerID: parentCustomerID
        case .parentCustomerExternalID: parentCustomerExternalID
        case .metadata, .integrationEntityMapping, .taxRateOverrides: nil
        }
    }

    enum CodingKeys: String, CodingKey {
        case externalID = "external_id", name, email, contact
        case addressLine1 = "address_line1", addressLine2 = "address_line2", addressCity = "address_city"
        case addressState = "address_state", addressPostalCode = "address_postal_code"
        case addressCountry = "address_country", timezone, metadata
        case parentCustomerID = "parent_customer_id", parentCustomerExternalID = "parent_customer_external_id"
        case integrationEntityMapping = "integration_entity_mapping", taxRateOverrides = "tax_rate_overrides"
        case skipOnboardingWorkflow = "skip_onboarding_workflow", onboardingWorkflowName = "onboarding_workflow_name"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        // A missing external_id decodes as "" so that validation can name the field,
        // instead of the request failing as "Invalid request format".
        externalID = try c.decodeIfPresent(String.self, forKey: .externalID) ?? ""
        name = try c.decodeIfPresent(String.self, forKey: .name)
        email = try c.decodeIfPresent(String.self, forKey: .email)
        contact = try c.decodeIfPresent(String.self, forKey: .contact)
        addressLine1 = try c.decodeIfPresent(String.self, forKey: .addressLine1)
        addressLine2 = try c.decodeIfPresent(String.self, forKey: .addressLine2)
        addressCity = try c.decodeIfPresent(String.self, forKey: .addressCity)
        addressState = try c.decodeIfPresent(String.self, forKey: .addressState)
        addressPostalCode = try c.decodeIfPresent(String.self, forKey: .addressPostalCode)
        addressCountry = try c.decodeIfPresent(String.self, forKey: .addressCountry)
        timezone = try c.decodeIfPresent(String.self, forKey: .timezone)
        metadata = try c.decodeIfPresent([String: String].self, forKey: .metadata)
        parentCustomerID = try c.decodeIfPresent(String.self, forKey: .parentCustomerID)
        parentCustomerExternalID = try c.decodeIfPresent(String.self, forKey: .parentCustomerExternalID)
        integrationEntityMapping = try c.decodeIfPresent([IntegrationEntityMapping].self, forKey: .integrationEntityMapping)
        taxRateOverrides = try c.decodeIfPresent([TaxRateOverride].self, forKey: .taxRateOverrides)
        skipOnboardingWorkflow = try c.decodeIfPresent(Bool.self, forKey: .skipOnboardingWorkflow)
        onboardingWorkflowName = try c.decodeIfPresent(String.self, forKey: .onboardingWorkflowName)
    }
}
