import CustomerKit
import Foundation
import LocalStore
import RemoteAPI

/// Builds the configured backend. The only place that knows both implementations.
enum BackendFactory {
    /// The configured backend, wrapped so that every change made through it is audited.
    static func make(_ config: AppConfiguration, environment: [String: String]) throws(CustomerError) -> any CustomerBackend {
        let trail = AuditLogFile(path: config.auditLog)
        return AuditingBackend(try makeBase(config, environment: environment), operator: OperatorName.current(environment),
                               record: { trail.append($0) }, recordMany: { trail.append(contentsOf: $0) })
    }

    private static func makeBase(_ config: AppConfiguration, environment: [String: String]) throws(CustomerError)
        -> any CustomerBackend {
        switch config.backend {
        case .local:
            return try LocalCustomerStore(path: config.databasePath, operator: OperatorName.current(environment))
        case .remote:
            return RemoteCustomerClient(configuration: config.remote)
        }
    }
}

/// Who is at the keyboard, for created_by/updated_by and the audit trail.
enum OperatorName {
    static func current(_ environment: [String: String]) -> String {
        if let user = environment["USER"], !user.isEmpty { return user }
        if let user = environment["LOGNAME"], !user.isEmpty { return user }
        if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return "uid-\(getuid())"
    }
}
