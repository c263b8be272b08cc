import CustomerKit

/// The checks every request passes before the store touches the database: the shared
/// validation table, plus what only matters to SQLite.
enum RequestChecks {
    static func check(_ request: CreateCustomerRequest) throws(CustomerError) {
        let issues = CustomerValidation.validate(request) + nulIssues(request.texts)
        if !issues.isEmpty { throw CustomerError.validation(issues) }
    }

    static func check(_ request: UpdateCustomerRequest) throws(CustomerError) {
        let issues = CustomerValidation.validate(request) + nulIssues(request.texts)
        if !issues.isEmpty { throw CustomerError.validation(issues) }
    }

    /// SQLite's text binding ends a string at its first NUL byte, which would silently store a
    /// shorter value; Postgres (the live server) refuses NUL in text too. Not in the shared
    /// table because only the storage cares. Metadata is stored as JSON, where NUL is escaped.
    private static func nulIssues(_ texts: CustomerTexts) -> [FieldIssue] {
        texts.present.compactMap { field, text in
            text.utf8.contains(0) ? FieldIssue(field: field, kind: .invalid("must not contain NUL characters")) : nil
        }
    }
}
