import Foundation

/// Wall-clock samples of an operation, in milliseconds.
enum Timing {
    static func samples(_ count: Int, _ body: (Int) async throws -> Void) async throws -> [Double] {
        var samples: [Double] = []
        samples.reserveCapacity(count)
        for index in 0..<count {
            let started = ContinuousClock.now
            try await body(index)
            samples.append((ContinuousClock.now - started).seconds * 1000)
        }
        return samples
    }
}

extension Duration {
    var seconds: Double {
        let (s, attoseconds) = components
        return Double(s) + Double(attoseconds) / 1e18
    }
}

extension Array where Element == Double {
    /// Nearest-rank percentile (0 < p <= 1).
    func percentile(_ p: Double) -> Double {
        guard !isEmpty else { return 0 }
        let sorted = self.sorted()
        let rank = Swift.max(1, Int((p * Double(count)).rounded(.up)))
        return sorted[Swift.min(count, rank) - 1]
    }
}

/// The lines of the result table, each measured value next to its budget.
struct BenchReport {
    private var lines: [String] = []
    private(set) var failures = 0

    mutating func line(_ what: String, value: String) {
        lines.append(pad(what) + value)
    }

    mutating func budget(_ what: String, ms: Double, limit: Double) {
        let pass = ms <= limit
        if !pass { failures += 1 }
        lines.append(pad(what) + String(format: "%8.2f ms   budget <= %g ms   %@", ms, limit, pass ? "PASS" : "FAIL"))
    }

    mutating func budget(mb: Double, limit: Double) {
        let pass = mb <= limit
        if !pass { failures += 1 }
        lines.append(pad("peak RSS (VmHWM) of this process")
                     + String(format: "%8.1f MB   budget <= %g MB   %@", mb, limit, pass ? "PASS" : "FAIL"))
    }

    func print() {
        Swift.print("")
        for line in lines { Swift.print(line) }
    }

    private func pad(_ text: String) -> String {
        text.count >= 40 ? text + " " : text + String(repeating: " ", count: 40 - text.count)
    }
}

/// Facts about this machine and process, from /proc (Linux).
enum Machine {
    static var description: String {
        let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("model name") }?
            .split(separator: ":", maxSplits: 1).last?.trimmingCharacters(in: .whitespaces) ?? "unknown CPU"
        return "\(ProcessInfo.processInfo.activeProcessorCount) cores, \(cpu), "
            + "\(ProcessInfo.processInfo.physicalMemory / 1_048_576) MB RAM"
    }

    /// VmHWM: the most resident memory the process has had, in KiB.
    static func peakRSSKiB() -> Int { status("VmHWM:") }

    /// VmRSS: resident memory now, in KiB.
    static func rssKiB() -> Int { status("VmRSS:") }

    private static func status(_ key: String) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix(key) {
            return Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]) ?? 0
        }
        return 0
    }
}
