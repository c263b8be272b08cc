import Foundation

/// The OpenAPI 3 document of what this server serves: `Sources/APIServer/openapi.json`, built
/// into the binary (SwiftPM `embedInCode`), served at `GET /v1/openapi.json`. A copy for readers
/// is `docs/flexprice-console-api.openapi.json`; a test keeps the two identical.
public enum OpenAPIDocument {
    public static let data = Data(PackageResources.openapi_json)
}
