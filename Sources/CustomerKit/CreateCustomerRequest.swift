/// The body of `POST /customers`. Absent values are not encoded. Unknown keys are ignored
/// when decoding, as the server does. Text fields are reached by name (`request.name`)
/// through `texts`; the external id is always there (`""` when not given).
@dynamicMemberLookup
public struct CreateCustomerRequest: CustomerWriteRequest, Codable {
    public var texts = CustomerTexts(externalID: "")
    public var metadata: [String: String]?
    public var integrationEntityMapping: [IntegrationEntityMapping]?
    public var taxRateOverrides: [TaxRateOverride]?
    public var skipOnboardingWorkflow: Bool?
    public var onboardingWorkflowName: String?

    public init() {}

    /// Required: a missing one is `""`, so that validation can name the field.
    public var externalID: String {
        get { texts.externalID ?? "" }
        set { texts.externalID = newValue }
    }

    private enum Extra: String {
        case taxRateOverrides = "tax_rate_overrides", skipOnboardingWorkflow = "skip_onboarding_workflow"
        case onboardingWorkflowName = "onboarding_workflow_name"
        var key: AnyCodingKey { AnyCodingKey(rawValue) }
    }

    public init(from decoder: Decoder) throws {
        self.init()
        let c = try decoder.container(keyedBy: AnyCodingKey.self)
        try c.decodeShared(into: &self)
        // A missing external_id decodes as "" so that validation can name the field,
        // instead of the request failing as "Invalid request format".
        if texts.externalID == nil { texts.externalID = "" }
        taxRateOverrides = try c.decodeIfPresent([TaxRateOverride].self, forKey: Extra.taxRateOverrides.key)
        skipOnboardingWorkflow = try c.decodeIfPresent(Bool.self, forKey: Extra.skipOnboardingWorkflow.key)
        onboardingWorkflowName = try c.decodeIfPresent(String.self, forKey: Extra.onboardingWorkflowName.key)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: AnyCodingKey.self)
        var request = self
        request.externalID = externalID  // always written, "" when not given
        try c.encodeShared(request)
        try c.encodeIfPresent(taxRateOverrides, forKey: Extra.taxRateOverrides.key)
        try c.encodeIfPresent(skipOnboardingWorkflow, forKey: Extra.skipOnboardingWorkflow.key)
        try c.encodeIfPresent(onboardingWorkflowName, forKey: Extra.onboardingWorkflowName.key)
    }
}
