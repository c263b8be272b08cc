import CustomerKit
import Foundation
import Synchronization
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The one place requests go out: builds the `URLRequest` (headers, timeout, body), sends it
/// with URLSession and turns failures to get any answer into `CustomerError.transport`.
/// Every HTTP status, including errors, comes back as an `APIResponse`; reading error bodies
/// is `APIErrorTranslator`'s job. Retries wrap `send` (see `RetryingSender`).
///
/// TLS certificates are always verified: the session's only delegate (`RedirectRefusal`)
/// answers redirects and nothing else, so authentication challenges get URLSession's default
/// handling. Nothing in this module may accept an untrusted certificate.
final class HTTPTransport: Sendable {
    let configuration: RemoteConfiguration
    /// The timeout URLSession is given (see `effectiveTimeout(for:)`).
    let timeout: TimeInterval
    /// The base URL without trailing `/`, or nil when it is not a usable http(s) URL.
    private let base: String?
    /// nil when the network library could not be loaded; `unavailable` then says why.
    private let session: URLSession?
    private let unavailable: String?
    private let consoleServer = Mutex<Bool?>(nil)

    init(configuration: RemoteConfiguration) {
        self.configuration = configuration
        self.base = Self.validatedBase(configuration.trimmedBaseURL)
        self.timeout = Self.effectiveTimeout(for: configuration.timeout)
        // URLSession calls into libcurl as soon as it is made, so load it first.
        if let problem = NetworkLibrary.loadProblem() {
            session = nil
            unavailable = problem
            return
        }
        unavailable = nil
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
        session?.finishTasksAndInvalidate()
    }

    /// Sends the request once and returns whatever status came back.
    ///
    /// Honours task cancellation at once: the URLSession task is cancelled (closing the
    /// connection) and `CustomerError.transport(.cancelled, ...)` is thrown, so a console can
    /// let an operator abandon a slow request with Esc.
    func send(_ request: APIRequest) async throws(CustomerError) -> APIResponse {
        guard let session else {
            throw .transport(.other, message: unavailable ?? "The network library is not available")
        }
        let urlRequest = try makeURLRequest(request)
        let exchange = Exchange(session: session)
        let result: Result<APIResponse?, any Error> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                exchange.start(urlRequest) { continuation.resume(returning: $0) }
            }
        } onCancel: {
            exchange.cancel()
        }
        switch result {
        case .failure(let error):
            throw TransportErrorTranslator.translate(error, url: urlRequest.url, timeout: timeout)
        case .success(nil):
            throw .invalidResponse(status: 0, message: "The answer from \(hostDescription) is not HTTP")
        case .success(let response?):
            let fromConsoleServer = response.header("x-flexprice-console-api") != nil
            consoleServer.withLock { $0 = fromConsoleServer }
            return response
        }
    }

    /// Whether the last answer came from this project's server (`X-FlexPrice-Console-API`);
    /// nil before any answer.
    var answeredByConsoleServer: Bool? { consoleServer.withLock { $0 } }

    /// One try that never throws: the answer (any status) or why there was none.
    func attempt(_ request: APIRequest) async -> AttemptOutcome {
        do throws(CustomerError) {
            return .answered(try await send(request))
        } catch {
            return .failed(error)
        }
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
        // Before the key goes anywhere: plain http only to this machine, or when the operator
        // said so (the key and customer data would otherwise cross the network in clear text).
        if let problem = configuration.insecureTransportProblem {
            throw .transport(.secureConnectionFailed, message: problem)
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
        for header in request.headers { urlRequest.setValue(header.value, forHTTPHeaderField: header.name) }
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

/// One URLSession data task that can be cancelled from another thread, even before it starts.
private final class Exchange: @unchecked Sendable {
    private let session: URLSession
    private let lock = NSLock()
    private var task: URLSessionDataTask?
    private var cancelled = false

    init(session: URLSession) { self.session = session }

    /// Starts the task; `done` gets the answer, nil for a non-HTTP one, or the failure.
    func start(_ request: URLRequest, done: @escaping @Sendable (Result<APIResponse?, any Error>) -> Void) {
        let task = session.dataTask(with: request) { data, response, error in
            if let error {
                done(.failure(error))
            } else if let http = response as? HTTPURLResponse {
                var headers: [String: String] = [:]
                for (name, value) in http.allHeaderFields {
                    if let name = name as? String, let value = value as? String { headers[name.lowercased()] = value }
                }
                done(.success(APIResponse(status: http.statusCode, headers: headers, body: data ?? Data())))
            } else {
                done(.success(nil))
            }
        }
        lock.lock()
        let alreadyCancelled = cancelled
        if !alreadyCancelled { self.task = task }
        lock.unlock()
        if alreadyCancelled {
            done(.failure(CancellationError()))  // never started, so nothing was sent
        } else {
            task.resume()
        }
    }

    func cancel() {
        lock.lock()
        cancelled = true
        let task = self.task
        lock.unlock()
        task?.cancel()
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
