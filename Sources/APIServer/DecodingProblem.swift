/// Names the value a body could not be decoded at, by its JSON path, for the 400's `details`:
/// `{"integration_entity_mapping[0].metadata": "must be a JSON object"}`. The message stays the
/// live server's ("Invalid request format"); the path is what a client needs to fix the body.
enum DecodingProblem {
    static func details(_ error: DecodingError) -> [String: String] {
        switch error {
        case .typeMismatch(let type, let context):
            return entry(context.codingPath, "must be " + describe(type))
        case .valueNotFound(let type, let context):
            return entry(context.codingPath, "must be " + describe(type) + ", not null")
        case .keyNotFound(let key, let context):
            return entry(context.codingPath + [key], "is required")
        case .dataCorrupted(let context):
            // Numbers that do not fit the field ("10.5" for an integer) land here with a path;
            // text that is not JSON at all has none.
            return context.codingPath.isEmpty ? [:] : entry(context.codingPath, "is not a valid value here")
        @unknown default:
            return [:]
        }
    }

    /// `a.b[2].c`: keys joined with dots, array positions in brackets.
    static func path(_ codingPath: [any CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return text
    }

    private static func entry(_ codingPath: [any CodingKey], _ problem: String) -> [String: String] {
        let name = path(codingPath)
        return name.isEmpty ? [:] : [name: problem]
    }

    private static let names: [ObjectIdentifier: String] = [
        ObjectIdentifier(String.self): "a string",
        ObjectIdentifier(Bool.self): "true or false",
        ObjectIdentifier(Int.self): "an integer",
        ObjectIdentifier(Int64.self): "an integer",
        ObjectIdentifier(Double.self): "a number",
        ObjectIdentifier([Any].self): "an array",
    ]

    /// Keyed containers (structs, maps) report `[String: Any]`: "a JSON object".
    private static func describe(_ type: Any.Type) -> String {
        names[ObjectIdentifier(type)] ?? "a JSON object"
    }
}
