import CustomerKit
import Foundation
import Hummingbird
import HummingbirdCore
import LocalStore
import Logging

/// The FlexPrice-compatible customers API over the local store: its routes, middleware and
/// application. `flexprice-console-api` is a thin command line around `makeApplication`.
///
/// Routes: `GET|POST /health` (no key), and under `/v1` (a key is needed): the customer routes
/// (`CustomerRoutes`) and `GET /v1/openapi.json`, the OpenAPI document of exactly these routes.
public enum APIServer {
    /// Request bodies larger than this get 413.
    public static let maxBodyBytes = 1 << 20

    /// The router with every route and middleware: what tests drive directly. `gates` (by
    /// default one per environment of `stores`, `limits.requestsPerEnvironment` each) can be
    /// given so that a test can fill one.
    public static func makeRouter(stores: EnvironmentStores, access: APIAccess, logger: Logger,
                                  limits: ServerLimits = .defaults, gates: EnvironmentGates? = nil)
        -> Router<APIRequestContext> {
        let router = Router(context: APIRequestContext.self)
        // Order matters: the access log sees the final status of everything, including errors.
        router.add(middleware: RequestLogMiddleware(logger: logger))
        router.add(middleware: ErrorMiddleware(logger: logger))
        router.add(middleware: StrictPathMiddleware())
        router.get("health") { _, _ in health }
        router.post("health") { _, _ in health }
        let v1 = router.group("v1").add(middleware: AuthMiddleware(access: access, stores: stores))
        v1.get("openapi.json") { _, _ in JSONResponse.make(status: 200, data: OpenAPIDocument.data) }
        let gates = gates ?? EnvironmentGates(environments: stores.environments, permits: limits.requestsPerEnvironment)
        CustomerRoutes(guardrail: RequestGuard(timeout: limits.requestTimeout, gates: gates)).register(on: v1)
        return router
    }

    /// HTTP/1.1 with the connection guards: the limit on open connections and the header, body
    /// and idle deadlines (`GuardedHTTP1Channel`).
    public static func server(_ limits: ServerLimits) -> HTTPServerBuilder {
        let limiter = ConnectionLimiter(limit: limits.maxConnections)
        let timeouts = ConnectionTimeouts.Limits(limits)
        return HTTPServerBuilder { responder in
            GuardedHTTP1Channel(responder: responder, limits: timeouts, limiter: limiter)
        }
    }

    /// Where to listen, with a hard stop on accepting a little past the connection limit, so
    /// that a flood of refused connections cannot use up the descriptors either.
    public static func configuration(host: String, port: Int, limits: ServerLimits) -> ApplicationConfiguration {
        ApplicationConfiguration(
            address: .hostname(host, port: port), serverName: "flexprice-console-api",
            availableConnectionsDelegate: MaximumAvailableConnections(limits.maxConnections + DescriptorBudget.refusalSlack))
    }

    /// The application for the settings: opens one store per environment on the settings' file.
    /// `onRunning` is told the address actually bound (useful with port 0).
    public static func makeApplication(_ settings: ServerSettings, logger: Logger,
                                       onRunning: @escaping @Sendable (String, Int) async -> Void = { _, _ in })
        throws -> some ApplicationProtocol {
        try settings.check()
        let access = APIAccess.from(settings.keyring)
        try DescriptorBudget.ensure(maxConnections: settings.limits.maxConnections,
                                    environments: access.environments.count)
        let stores = try EnvironmentStores(path: settings.databasePath, environments: access.environments)
        let router = makeRouter(stores: stores, access: access, logger: logger, limits: settings.limits)
        return Application(
            router: router,
            server: server(settings.limits),
            configuration: configuration(host: settings.host, port: settings.port, limits: settings.limits),
            onServerRunning: { channel in
                let address = channel.localAddress
                await onRunning(address?.ipAddress ?? settings.host, address?.port ?? settings.port)
            },
            logger: logger)
    }

    private static var health: Response { JSONResponse.make(status: 200, data: Data(#"{"status":"ok"}"#.utf8)) }
}
