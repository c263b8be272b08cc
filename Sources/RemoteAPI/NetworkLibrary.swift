#if canImport(FoundationNetworking)
import CCurlOnDemand
#endif

/// libcurl, which URLSession uses on Linux, is loaded when the remote backend first needs it
/// rather than when the program starts (see Sources/CCurlOnDemand/CurlOnDemand.c for why).
/// Loading it here, before any URLSession exists, turns a missing library into a message.
enum NetworkLibrary {
    /// nil once libcurl is loaded and usable (or where URLSession does not use it); otherwise
    /// what the operator should know. Safe to call from any thread, any number of times.
    static func loadProblem() -> String? {
        #if canImport(FoundationNetworking)
        var reason = [CChar](repeating: 0, count: 512)
        if flexprice_curl_load(&reason, reason.count) == 1 { return nil }
        let detail = String(decoding: reason.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return "The network library could not be loaded (\(detail)); the remote backend needs libcurl "
            + "(Debian and Ubuntu: apt-get install libcurl4)"
        #else
        return nil
        #endif
    }

    /// Whether libcurl has been loaded into this process yet.
    static var isLoaded: Bool {
        #if canImport(FoundationNetworking)
        return flexprice_curl_is_loaded() == 1
        #else
        return true
        #endif
    }
}
