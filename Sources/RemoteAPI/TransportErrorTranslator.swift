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

    /// "host:port" (or just the host) of the URL; never its path, query or credentials.
    static func hostDescription(_ url: URL?) -> String {
        guard let url, let host = url.host else { return "the API server" }
        return url.port.map { "\(host):\($0)" } ?? host
    }

    private static func seconds(_ value: TimeInterval) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }
}
