import Testing
@testable import RemoteAPI
import CustomerKit
import CCurlOnDemandChecks

/// libcurl is loaded on demand (Sources/CCurlOnDemand); the remote backend loads it before its
/// first URLSession, and says why when it cannot.
@Suite struct NetworkLibraryTests {
    @Test func loadsOnDemandAndStaysLoaded() {
        #expect(NetworkLibrary.loadProblem() == nil)
        #expect(NetworkLibrary.isLoaded)
        // Asking again is free and gives the same answer.
        #expect(NetworkLibrary.loadProblem() == nil)
    }

    @Test func aRemoteClientHasTheLibraryLoadedBeforeItsFirstRequest() {
        _ = RemoteCustomerClient(configuration: RemoteConfiguration(baseURL: "http://127.0.0.1:9/v1", apiKey: "k"))
        #expect(NetworkLibrary.isLoaded)
    }
}

@Suite struct CurlForwardingTests {
    /// Every kind of argument FoundationNetworking passes (strings, longs, pointers, function
    /// pointers, curl_off_t through the variadic setters; results back through getinfo)
    /// arrives at libcurl intact.
    @Test func everyForwardedCallReachesLibcurlIntact() {
        var failure = [CChar](repeating: 0, count: 256)
        let failed = flexprice_curl_forwarding_check(&failure, failure.count)
        let description = String(decoding: failure.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        #expect(failed == 0, "check \(failed) failed: \(description)")
    }
}
