import CustomerKit
import Foundation
@testable import LocalStore
import Testing

@Suite("Paths, user names and ids")
struct PathsAndIDsTests {
    @Test func defaultPathFollowsXDG() {
        #expect(LocalCustomerStore.defaultPath(environment: ["XDG_DATA_HOME": "/data", "HOME": "/home/u"])
            == "/data/flexprice-console/customers.sqlite")
        #expect(LocalCustomerStore.defaultPath(environment: ["HOME": "/home/u"])
            == "/home/u/.local/share/flexprice-console/customers.sqlite")
        // A relative XDG_DATA_HOME is ignored, as the XDG specification says.
        #expect(LocalCustomerStore.defaultPath(environment: ["XDG_DATA_HOME": "rel", "HOME": "/home/u"])
            == "/home/u/.local/share/flexprice-console/customers.sqlite")
    }

    @Test func userNameComesFromTheEnvironmentFirst() {
        #expect(LocalCustomerStore.currentUserName(environment: ["USER": "ana", "LOGNAME": "x"]) == "ana")
        #expect(LocalCustomerStore.currentUserName(environment: ["LOGNAME": "bo"]) == "bo")
        #expect(!LocalCustomerStore.currentUserName(environment: [:]).isEmpty)
    }

    @Test func ulidsAreWellFormedAndMonotonic() {
        let generator = ULIDGenerator()
        let date = Date(timeIntervalSince1970: 1_790_000_000.123)
        let ids = (0..<1000).map { _ in generator.next(at: date) }
        #expect(ids.allSatisfy(ULIDGenerator.isValid))
        #expect(ids == ids.sorted())
        #expect(Set(ids).count == ids.count)
        #expect(ULIDGenerator.millis(of: ids[0]) == 1_790_000_000_123)
        let later = generator.next(at: date + 0.001)
        #expect(later > ids.last!)
        #expect(ULIDGenerator.encode(millis: 0, high: 0, low: 0) == String(repeating: "0", count: 26))
        #expect(ULIDGenerator.encode(millis: (1 << 48) - 1, high: .max, low: .max) == "7" + String(repeating: "Z", count: 25))
    }
}
