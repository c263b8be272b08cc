import Foundation
import Testing
@testable import Console
import CustomerKit

/// The backend is opened on a thread of its own as soon as the launcher knows the
/// configuration; effects that ask for it before it is ready wait, and all get the same answer.
@Suite struct BackendOpeningTests {
    @Test func callersWaitingBeforeTheOpenFinishesAllGetTheBackend() async {
        let release = DispatchSemaphore(value: 0)
        let opened = FakeBackend(count: 3)
        let opening = BackendOpening {
            release.wait()  // the store is still opening while the callers ask
            return EffectRunner(backend: opened)
        }
        async let first = opening.result
        async let second = opening.result
        release.signal()
        for outcome in await [first, second] {
            guard case .success(let runner) = outcome else {
                Issue.record("expected the backend, got \(outcome)")
                continue
            }
            #expect(runner.backend as AnyObject === opened)
        }
        // Asking after the open finished answers at once, with the same backend.
        guard case .success(let later) = await opening.result else {
            Issue.record("expected the backend")
            return
        }
        #expect(later.backend as AnyObject === opened)
    }

    @Test func aFailedOpenIsEveryCallersError() async {
        let failure = CustomerError.server(code: "database_error", status: 500,
                                           message: "Cannot open the customer database", details: [:])
        let opening = BackendOpening { () throws(CustomerError) -> EffectRunner in throw failure }
        for _ in 0..<3 {
            guard case .failure(let error) = await opening.result else {
                Issue.record("expected the open to fail")
                return
            }
            #expect(error == failure)
        }
    }

    @Test func theOpenStartsWithoutAnyoneAsking() {
        let started = DispatchSemaphore(value: 0)
        let opening = BackendOpening {
            started.signal()
            return EffectRunner(backend: FakeBackend())
        }
        #expect(started.wait(timeout: .now() + 120) == .success)  // a hang guard, not a speed limit
        withExtendedLifetime(opening) {}
    }
}
