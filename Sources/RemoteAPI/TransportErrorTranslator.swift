import CustomerKit
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Turns a failure to get any HTTP answer (URLSession's `URLError`, task cancellation) into
/// `CustomerError.transport`, with a message that names the host and says what to check.
enum TransportErrorTranslator {
    static func translate(_ error: any Error, url: URL?, timeout: TimeInterval) -> CustomerError {
        let host = hostDescription(url)
        if error is CancellationError {
            return .transport(.cancelled, message: "The request to \(host) was cancelled")
        }
        guard let urlError = error as? URLError else {
            return .transport(.other, message: "The request to \(host) failed: \(error.localizedDescription)")
        }
        if urlError.code == .unknown, let known = fromCurlText(urlError, host: host) { return known }
        switch urlError.code {
        case .timedOut:
            return .transport(.timedOut, message: "No answer from \(host) within \(seconds(timeout)) (timed out)")
        case .cannotConnectToHost:
            return .transport(.connectionRefused, message: "Could not connect to \(host) (connection refused): "
                              + "is the server running, and is FLEXPRICE_API_URL right?")
        case .cannotFindHost, .dnsLookupFailed:
            return .transport(.cannotFindHost, message: "Unknown host \(host): check FLEXPRICE_API_URL")
        case .networkConnectionLost, .badServerResponse, .zeroByteResource, .cannotParseResponse:
            // curl reports a connection closed before or during the answer as one of these.
            return .transport(.connectionLost, message: "The connection to \(host) was closed "
                              + "before a complete answer arrived")
        case .notConnectedToInternet, .internationalRoamingOff, .dataNotAllowed:
            return .transport(.other, message: "No network connection to reach \(host)")
        case .secureConnectionFailed, .serverCertificateHasBadDate, .serverCertificateUntrusted,
             .serverCertificateHasUnknownRoot, .serverCertificateNotYetValid, .clientCertificateRejected,
             .clientCertificateRequired:
            return .transport(.secureConnectionFailed, message: "A secure (TLS) connection to \(host) "
                              + "could not be made: check the certificate, or http/https in FLEXPRICE_API_URL")
        case .cancelled:
            return .transport(.cancelled, message: "The request to \(host) was cancelled")
        case .badURL, .unsupportedURL:
            return .transport(.other, message: "The URL for \(host) is not usable: check FLEXPRICE_API_URL")
        default:
            return .transport(.other, message: "The request to \(host) failed (network error \(urlError.code.rawValue))")
        }
    }

    /// FoundationNetworking (Linux, libcurl) reports several failures as code -1 with only
    /// curl's sentence to tell them apart, e.g. "transfer closed with 95 bytes remaining to
    /// read" (an answer cut off) or "SSL certificate problem: self-signed certificate".
    static func fromCurlText(_ error: URLError, host: String) -> CustomerError? {
        let said = BodyExcerpt.clean(error.localizedDescription, limit: 120)
        let lower = said.lowercased()
        if ["certificate", "ssl", "tls"].contains(where: lower.contains) {
            return .transport(.secureConnectionFailed, message: "A secure (TLS) connection to \(host) could not be "
                              + "made (\(said)): the server's certificate must be valid and trusted")
        }
        if ["transfer closed", "connection reset", "recv failure", "empty reply", "partial file",
            "connection died"].contains(where: lower.contains) {
            return .transport(.connectionLost, message: "The connection to \(host) was closed "
                              + "before a complete answer arrived")
        }
        return nil
    }

    /// "host:port" (or just the host) of the URL; never its path, query or credentials.
    static func hostDescription(_ url: URL?) -> String {
        guard let url, let host = url.host else { return "the API server" }
        return url.port.map { "\(host):\($0)" } ?? host
    }

    private static func seconds(_ value: TimeInterval) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }
}
