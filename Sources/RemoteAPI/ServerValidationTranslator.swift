import CustomerKit

/// Reads the live server's `validation_error` into operator words on the right form fields.
///
/// The server keys `details` by Go struct field names (`AddressPostalCode`) and fills each
/// with the validator's sentence, e.g. "Key: 'CreateCustomerRequest.Name' Error:Field
/// validation for 'Name' failed on the 'required' tag". Its other checks (address byte
/// lengths, tax metadata) send one message with no field map, starting with the field's name.
enum ServerValidationTranslator {
    /// The server's generic headline when validator tags failed.
    static let genericMessage = "Request validation failed"

    static func error(message: String, details: [String: String]) -> CustomerError {
        var fields: [String: String] = [:]
        for (key, value) in details {
            if let field = CustomerField(detailsKey: key) {
                fields[field.jsonName] = text(for: field, validatorSentence: value)
            } else {
                fields[key] = value  // e.g. "limit" on a bad filter: kept as sent
            }
        }
        if fields.isEmpty, let field = field(namedAtStartOf: message) {
            fields[field.jsonName] = text(for: field, singleMessage: message)
        }
        // One failing field under the generic headline: its own words make the better headline.
        let blank = message.allSatisfy(\.isWhitespace)
        if message == genericMessage || blank, fields.count == 1, let only = fields.values.first,
           !only.allSatisfy(\.isWhitespace) {
            return .validation(message: only, fields: fields)
        }
        return .validation(message: blank ? genericMessage : message, fields: fields)
    }

    /// The validator tag a sentence names ("required" in "... failed on the 'required' tag").
    static func tag(in sentence: String) -> String? {
        guard let start = sentence.range(of: "failed on the '") else { return nil }
        let rest = sentence[start.upperBound...]
        guard let end = rest.firstIndex(of: "'") else { return nil }
        let tag = rest[..<end]
        return tag.isEmpty ? nil : String(tag)
    }

    /// "Name: required", "Email: not a valid email address ...", "Name: at most 255 characters".
    /// A value that is not a validator sentence is kept as it is.
    static func text(for field: CustomerField, validatorSentence sentence: String) -> String {
        guard let tag = tag(in: sentence) else { return sentence }
        let label = field.label
        switch tag {
        case "required":
            return FieldIssue(field: field, kind: .required).message
        case "email":
            return FieldIssue(field: field, kind: .invalidEmail).message
        case "iso3166_1_alpha2" where field == .addressCountry, "len" where field == .addressCountry:
            return FieldIssue(field: field, kind: .invalidCountry).message
        case "timezone":
            return FieldIssue(field: field, kind: .invalidTimezone).message
        case "max":
            guard let limit = CustomerValidation.rule(for: field).maxLength else { return "\(label): too long" }
            return "\(label): at most \(limit) characters"
        case "len":
            return "\(label): wrong length"
        case "min":
            return "\(label): too short"
        default:
            return "\(label): not accepted by the server ('\(tag)' check)"
        }
    }

    /// A single server message about one field. "X must be less than N characters" is about
    /// bytes for the address fields (the service counts with Go `len`), so say so.
    static func text(for field: CustomerField, singleMessage message: String) -> String {
        let rule = CustomerValidation.rule(for: field)
        if message.contains("must be less than"), rule.unit == .utf8Bytes, let limit = rule.maxLength {
            return "\(field.label): at most \(limit) bytes (accented and non-Latin characters count 2 to 4)"
        }
        return message
    }

    /// The field a message starts with ("Address line 1 must be ..." -> address_line1),
    /// matching whole words, longest name first.
    static func field(namedAtStartOf message: String) -> CustomerField? {
        let lower = message.lowercased()
        var best: (field: CustomerField, length: Int)?
        for (field, names) in leadingNames {
            for name in names where lower.hasPrefix(name) && name.count > (best?.length ?? 0) {
                let next = lower.dropFirst(name.count).first
                if next == nil || !(next!.isLetter || next!.isNumber || next == "_") {
                    best = (field, name.count)
                }
            }
        }
        return best?.field
    }

    /// How server messages name each field: the operator label, the JSON and Go names, the
    /// service's "Address city" style, and the tax metadata keys.
    private static let leadingNames: [(CustomerField, [String])] = CustomerField.allCases.map { field in
        var names: Set<String> = [field.label.lowercased(), field.jsonName, field.goName.lowercased(),
                                  field.jsonName.replacingUnderscores()]
        switch field {
        case .addressCity, .addressState, .addressPostalCode, .addressCountry:
            names.insert("address " + field.label.lowercased())
        case .metadata:
            names.formUnion(["gstin", "pan", "hsn_sac", "hsn", "tax metadata"])
        default:
            break
        }
        return (field, Array(names))
    }
}

extension String {
    fileprivate func replacingUnderscores() -> String {
        String(map { $0 == "_" ? " " : $0 })
    }
}
