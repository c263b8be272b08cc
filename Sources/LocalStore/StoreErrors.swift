import CustomerKit
import GRDB

/// Turns whatever a database access threw into the `CustomerError` the backend protocol
/// promises. Request errors raised inside a transaction pass through unchanged.
enum StoreErrors {
    static func map(_ error: any Error) -> CustomerError {
        switch error {
        case let error as CustomerError:
            return error
        case let error as DatabaseError:
            return map(error)
        case StoreFailure.tooManyEnvironments(let limit):
            return .server(code: "database_error", status: 500,
                           message: "This customer database already holds \(limit) environments, the most it can",
                           details: [:])
        case StoreFailure.newerSchema:
            return .server(code: "database_error", status: 500,
                           message: "This customer database was written by a newer version of flexprice-console",
                           details: [:])
        case is CancellationError:
            return .transport(.cancelled, message: "The database operation was cancelled")
        default:
            return .server(code: "internal_error", status: 500, message: "\(error)", details: [:])
        }
    }

    static func map(_ error: DatabaseError) -> CustomerError {
        let sqlite = error.message ?? "\(error.resultCode)"
        func database(_ message: String) -> CustomerError {
            .server(code: "database_error", status: 500, message: message, details: ["sqlite": sqlite])
        }
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            // Only after the busy timeout: another process held the write lock all that time.
            return .server(code: "service_unavailable", status: 503,
                           message: "The customer database is busy: another process has been writing to it "
                               + "for more than \(Int(LocalCustomerStore.busyTimeout)) seconds. Try again.",
                           details: ["sqlite": sqlite])
        case .SQLITE_CONSTRAINT where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE
            && sqlite.contains("external_id"):
            // The store checks first; this is the race with another process that won.
            return .alreadyExists(message: "A customer with this identifier already exists", details: [:])
        case .SQLITE_FULL:
            return database("The disk holding the customer database is full")
        case .SQLITE_READONLY:
            return database("The customer database is read-only: check the file's permissions")
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH:
            return database("Cannot open the customer database: check the path and its permissions")
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            return database("The file is not a customer database, or it is damaged")
        case .SQLITE_TOOBIG:
            return database("A value is too large to store")
        case .SQLITE_IOERR:
            return database("The customer database could not be read or written (I/O error)")
        default:
            return database("Failed to access the customer database: \(sqlite)")
        }
    }
}
