import Foundation
import Testing
@testable import CustomerKit

@Suite struct TimestampTests {
    @Test(arguments: [
        ("2025-08-22T10:15:30Z", 1_755_857_730.0),
        ("2025-08-22T10:15:30.5Z", 1_755_857_730.5),
        ("2025-08-22T10:15:30.123456789Z", 1_755_857_730.123456789),
        ("2025-08-22t10:15:30z", 1_755_857_730.0),
        ("2025-08-22 10:15:30Z", 1_755_857_730.0),
        ("2025-08-22T12:15:30+02:00", 1_755_857_730.0),
        ("2025-08-22T05:45:30.000-04:30", 1_755_857_730.0),
        ("2024-02-29T00:00:00Z", 1_709_164_800.0),
        ("1969-12-31T23:59:59Z", -1.0),
    ])
    func parsesAnyRFC3339Form(text: String, seconds: Double) throws {
        let ts = try #require(Timestamp(rfc3339: text))
        #expect(abs(ts.date.timeIntervalSince1970 - seconds) < 1e-6)
        #expect(ts.text == text)
    }

    @Test(arguments: ["", "2025-08-22", "2025-08-22T10:15:30", "2025-13-01T00:00:00Z", "2025-02-30T00:00:00Z",
                      "2023-02-29T00:00:00Z", "2025-08-22T24:00:00Z", "2025-08-22T10:15:30.Z",
                      "2025-08-22T10:15:30+0200", "2025-08-22T10:15:30Zjunk", "２０２５-08-22T10:15:30Z"])
    func rejectsWhatIsNotRFC3339(text: String) {
        #expect(Timestamp(rfc3339: text) == nil)
    }

    @Test func formatsUTCWithMicroseconds() {
        let ts = Timestamp(date: Date(timeIntervalSince1970: 1_755_857_730.123456))
        #expect(ts.text == "2025-08-22T10:15:30.123456Z")
        #expect(Timestamp(date: Date(timeIntervalSince1970: -0.5)).text == "1969-12-31T23:59:59.500000Z")
        #expect(Timestamp(rfc3339: ts.text) == ts)
    }

    @Test func ordersByInstant() throws {
        let a = try #require(Timestamp(rfc3339: "2025-08-22T10:15:30.9Z"))
        let b = try #require(Timestamp(rfc3339: "2025-08-22T12:15:31+02:00"))
        #expect(a < b)  // as strings, "...10:15:30.9Z" > "...12:15:31+02:00" would say otherwise
    }
}
