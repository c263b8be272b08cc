import CustomerKit
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The one place requests go out: builds the `URLRequest` (headers, timeout, body), sends it
/// with URLSession and turns failures to get any answer into `CustomerError.transport`.
/// Every HTTP status, including errors, comes back as an `APIResponse`; reading error bodies
/// is `APIErrorTranslator`'s job. Retries, when they come, wrap `send` here.
final class HTTPTransport: Sendable {
    let configuration: RemoteConfiguration
    /// The timeout URLSession is given (see `effectiveTimeout(for:)`).
    let timeout: TimeInterval
    /// The base URL without trailing `/`, or nil when it is not a usable http(s) URL.
    private let base: String?
    private let session: URLSession

    init(configuration: RemoteConfiguration) {
        self.configuration = configuration
        self.base = Self.validatedBase(configuration.trimmedBaseURL)
        self.timeout = Self.effectiveTimeout(for: configuration.timeout)
        let settings = URLSessionConfiguration.ephemeral
        settings.timeoutIntervalForRequest = timeout
        settings.timeoutIntervalForResource = timeout
        settings.urlCache = nil
        settings.httpCookieStorage = nil
        settings.httpShouldSetCookies = false
        settings.requestCachePolicy = .reloadIgnoringLocalCacheData
        session = URLSession(configuration: settings, delegate: RedirectRefusal(), delegateQueue: nil)
    }

    deinit {
        // A session keeps its delegate (and itself) alive until invalidated.
        session.finishTasksAndInvalidate()
    }

    /// Sends the request and returns whatever status came back.
    func send(_ request: APIRequest) async throws(CustomerError) -> APIResponse {
        let urlRequest = try makeURLRequest(request)
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await session.data(for: urlRequest)
        } catch {
            throw TransportErrorTranslator.translate(error, url: urlRequest.url, timeout: timeout)
        }
        guard let http = response as? HTTPURLResponse else {
            throw .invalidResponse(status: 0, message: "The answer from \(hostDescription) is not HTTP")
        }
        var headers: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { headers[name.lowercased()] = value }
        }
        return APIResponse(status: http.statusCode, headers: headers, body: data)
    }

    /// "host:port" of the base URL, for messages.
    var hostDescription: String {
        guard let base, let url = URL(string: base), let host = url.host else { return configuration.displayBaseURL }
        return url.port.map { "\(host):\($0)" } ?? host
    }

    private func makeURLRequest(_ request: APIRequest) throws(CustomerError) -> URLRequest {
        guard let base else {
            throw .transport(.other, message: "The API base URL \"\(configuration.displayBaseURL)\" is not usable: "
                             + "expected http(s)://host[:port]/v1 (check FLEXPRICE_API_URL)")
        }
        guard let key = configuration.apiKey, !key.isEmpty else {
            throw .unauthorized(message: "No API key is configured: set FLEXPRICE_API_KEY "
                                + "(a FlexPrice key, sent as the x-api-key header)")
        }
        // Header values must be one line; anything else could smuggle extra headers.
        guard Self.isHeaderSafe(key) else {
            throw .unauthorized(message: "The API key contains spaces or control characters: check FLEXPRICE_API_KEY")
        }
        guard let url = request.url(base: base) else {
            throw .invalidResponse(status: 0, message: "Could not build a URL for \(request.summary)")
        }
        var urlRequest = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData,
                                    timeoutInterval: timeout)
        urlRequest.httpMethod = request.method.rawValue
        urlRequest.setValue(key, forHTTPHeaderField: "x-api-key")
        if let environment = configuration.environmentID, !environment.isEmpty {
            guard Self.isHeaderSafe(environment) else {
                throw .forbidden(message: "The environment id contains spaces or control characters: "
                                 + "check FLEXPRICE_ENVIRONMENT_ID")
            }
            urlRequest.setValue(environment, forHTTPHeaderField: "X-Environment-ID")
        }
        urlRequest.setValue("application/json", forHTTPHeaderField: "Accept")
        urlRequest.setValue(configuration.userAgent, forHTTPHeaderField: "User-Agent")
        if let body = request.body {
            urlRequest.setValue("application/json", forHTTPHeaderField: "Content-Type")
            urlRequest.httpBody = body
        }
        return urlRequest
    }

    /// FoundationNetworking (Linux) drops the fraction of a timeout: 1.5 s waits 1 s, and
    /// 0.4 s times out at once. Round up to whole seconds there. Zero or less means the default.
    static func effectiveTimeout(for requested: TimeInterval) -> TimeInterval {
        let positive = requested > 0 ? requested : RemoteConfiguration.defaultTimeout
        #if canImport(FoundationNetworking)
        return positive.rounded(.up)
        #else
        return positive
        #endif
    }

    private static func isHeaderSafe(_ value: String) -> Bool {
        value.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7F }
    }

    /// An http(s) URL with a host and no query or fragment, else nil.
    private static func validatedBase(_ text: String) -> String? {
        guard let parts = URLComponents(string: text), let scheme = parts.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = parts.host, !host.isEmpty,
              parts.query == nil, parts.fragment == nil else { return nil }
        return text
    }
}

/// Refuses every redirect. Following one could replay a PUT or DELETE somewhere else, or turn
/// it into a GET (what clients do on 301/302/303); the server only redirects on a trailing `/`
/// or a misconfigured base URL, so the 3xx is shown to the operator instead.
private final class RedirectRefusal: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void) {
        completionHandler(nil)
    }
}
