import ArgumentParser
import CustomerKit
import Foundation
import LocalStore

/// Measures the local store against the budgets in the design notes, on a database of
/// `--customers` synthetic customers (seeded on first use, reused afterwards).
struct StoreBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flexprice-store-bench",
        abstract: "Seed the local customer store and measure it against its budgets.")

    @Option(help: "Customers the database should hold (it is topped up if it holds fewer).")
    var customers = 1_000_000
    @Option(help: "The SQLite file to use.")
    var db = "/tmp/flexprice-store-bench.sqlite"
    @Option(help: "Customers per seeding transaction.")
    var batch = 10_000
    @Option(help: "Runs of the first list page.")
    var pageRuns = 200
    @Option(help: "Runs of each search query.")
    var searchRuns = 10
    @Option(help: "Creates to time.")
    var creates = 1_000
    @Flag(help: "Print each search query's timings.")
    var verbose = false
    @Option(name: .customLong("write-csv"), help: "Write the synthetic customers (as many as --customers) to this CSV file, in the import's columns, and stop.")
    var writeCSV: String?
    @Flag(name: .customLong("seed-only"), help: "Seed --db (which should be new) and print the seeding rate; measure nothing else.")
    var seedOnly = false
    @Option(name: .customLong("environment-id"),
            help: "The environment the customers belong to (env_local: the one the console opens by default).")
    var environmentID = "env_bench"

    mutating func run() async throws { try await start() }

    /// What the options ask for (`run` has a synchronous twin in top-level code; see the end).
    func start() async throws {
        if let writeCSV { return try SyntheticCSV.write(customers, to: writeCSV) }
        if seedOnly {
            let store = try LocalCustomerStore(path: db, environmentID: environmentID, operator: "bench")
            var report = BenchReport()
            try await seed(store, from: try await store.list(CustomerQuery(limit: 1)).total, report: &report)
            report.print()
            return
        }
        try await bench()
    }

    func bench() async throws {
        let startRSS = Machine.rssKiB()
        let store = try LocalCustomerStore(path: db, environmentID: environmentID, operator: "bench")
        print("flexprice-store-bench: \(db), SQLite \(try await store.sqliteVersion())")
        print("machine: \(Machine.description)")
        var report = BenchReport()
        report.line("RSS at start / with the store open", value: "\(startRSS / 1024) MB / \(Machine.rssKiB() / 1024) MB")

        // Seeding (or reuse). A process that seeded measures nothing itself: it starts a fresh
        // copy of the benchmark on the full database, so that RSS is that of a process serving
        // queries (as the console does), not what a million inserts left in the heap.
        let existing = try await store.list(CustomerQuery(limit: 1)).total
        if existing < customers {
            try await seed(store, from: existing, report: &report)
            report.print()
            fflush(nil)  // before the child writes to the same output
            let child = Process()
            child.executableURL = URL(fileURLWithPath: "/proc/self/exe")
            child.arguments = Array(CommandLine.arguments.dropFirst())
            try child.run()
            child.waitUntilExit()
            throw ExitCode(child.terminationStatus)
        }
        report.line("seed", value: "reused \(existing) customers")

        // First list page.
        let page = try await Timing.samples(pageRuns) { _ in _ = try await store.list(CustomerQuery(limit: 50)) }
        report.budget("first page (limit 50), p50", ms: page.percentile(0.5), limit: 5)
        report.budget("first page (limit 50), p95", ms: page.percentile(0.95), limit: 5)

        // Searches.
        var all: [Double] = []
        for category in SearchMix.categories {
            var samples: [Double] = []
            for text in category.queries {
                let total = try await store.list(CustomerQuery(search: text)).total  // warm-up, and the total
                let runs = try await Timing.samples(searchRuns) { _ in _ = try await store.list(CustomerQuery(search: text)) }
                samples += runs
                if verbose {
                    let quoted = "\"\(text)\""  // padded by characters: %@ pads by UTF-16 units
                    print("    " + quoted + String(repeating: " ", count: max(1, 18 - quoted.count))
                          + String(format: "%8d matches  p50 %6.2f ms  max %6.2f ms",
                                   total, runs.percentile(0.5), runs.max() ?? 0))
                }
            }
            all += samples
            report.line("search \(category.name): p50 / p95",
                        value: String(format: "%.2f / %.2f ms", samples.percentile(0.5), samples.percentile(0.95)))
        }
        report.budget("search, all \(all.count) runs, p50", ms: all.percentile(0.5), limit: 30)
        report.budget("search, all \(all.count) runs, p95", ms: all.percentile(0.95), limit: 30)
        report.line("search, slowest run", value: String(format: "%.2f ms", all.max() ?? 0))

        // The list's orders and filters (console s and f): each first page and the next one,
        // against the search's p95 of this same run.
        let searchP95 = all.percentile(0.95)
        var refined: [Double] = []
        var combined: [Double] = []
        for (what, query, isCombination) in Self.refinedQueries {
            var runs: [Double] = []
            for offset in [0, 100] {
                var page = query
                page.offset = offset
                _ = try await store.list(page)  // warm-up
                runs += try await Timing.samples(searchRuns) { _ in _ = try await store.list(page) }
            }
            if isCombination { combined += runs } else { refined += runs }
            report.line("\(what): first and next page, p50 / p95",
                        value: String(format: "%.2f / %.2f ms", runs.percentile(0.5), runs.percentile(0.95)))
        }
        report.budget("sorted or filtered pages, all \(refined.count) runs, p95", ms: refined.percentile(0.95), limit: searchP95)
        report.line("sort and filter together, all \(combined.count) runs, p95",
                    value: String(format: "%.2f ms (%.2fx the search p95; not budgeted)", combined.percentile(0.95),
                                  combined.percentile(0.95) / max(searchP95, 0.001)))

        // Pages deep into a result (not budgeted: the budgets are about first pages).
        for (text, offset) in [(nil, 500_000), ("com", 10_000), ("ü", 5_000), ("a", 100_000)] as [(String?, Int)] {
            let query = CustomerQuery(search: text, limit: 50, offset: offset)
            let runs = try await Timing.samples(5) { _ in _ = try await store.list(query) }
            report.line("page at offset \(offset), search \(text.map { "\"\($0)\"" } ?? "none")",
                        value: String(format: "%.2f ms p50, %.2f ms max (not budgeted)",
                                      runs.percentile(0.5), runs.max() ?? 0))
        }

        // Creates.
        let runID = String(UInt64(Date().timeIntervalSince1970 * 1000), radix: 36)
        let createTimes = try await Timing.samples(creates) { index in
            var request = SyntheticCustomers.customer(customers + index)
            request.externalID = "bench-\(runID)-\(index)"
            _ = try await store.create(request)
        }
        report.budget("create, p50", ms: createTimes.percentile(0.5), limit: 2)
        report.budget("create, p95", ms: createTimes.percentile(0.95), limit: 2)

        report.budget(mb: Double(Machine.peakRSSKiB()) / 1024, limit: 40)
        report.print()
        if report.failures > 0 { throw ExitCode(1) }
    }
}

extension StoreBench {
    /// Each of the list's orders (both directions), each of its filters alone, and some of
    /// them together (the third value), with the page size the console asks for.
    static var refinedQueries: [(String, CustomerQuery, Bool)] {
        var queries: [(String, CustomerQuery, Bool)] = []
        for key in CustomerListOrder.Key.allCases {
            for order in [CustomerListOrder(key), CustomerListOrder(key).reversed] where !order.isDefault {
                queries.append(("sorted by \(order)", CustomerQuery(limit: 100, order: order), false))
            }
        }
        queries.append(("country DE", CustomerQuery(limit: 100, country: "DE"), false))
        queries.append(("country JP (1 in 14)", CustomerQuery(limit: 100, country: "JP"), false))
        queries.append(("metadata plan=pro", CustomerQuery(limit: 100, metadata: ["plan": "pro"]), false))
        queries.append(("metadata plan=none (no match)", CustomerQuery(limit: 100, metadata: ["plan": "none"]), false))
        queries.append(("country DE, plan=pro", CustomerQuery(limit: 100, country: "DE", metadata: ["plan": "pro"]), true))
        queries.append(("country DE by name", CustomerQuery(limit: 100, country: "DE", order: CustomerListOrder(.name)), true))
        queries.append(("plan=pro by email", CustomerQuery(limit: 100, metadata: ["plan": "pro"], order: CustomerListOrder(.email)), true))
        queries.append(("search \"acme\" by name", CustomerQuery(search: "acme", limit: 100, order: CustomerListOrder(.name)), true))
        return queries
    }

    /// Tops the database up to `customers`, in transactions of `batch`, then compacts it.
    func seed(_ store: LocalCustomerStore, from existing: Int, report: inout BenchReport) async throws {
        let started = ContinuousClock.now
        // Make the next batch on the other core while this one is written.
        func make(_ range: Range<Int>) -> Task<[CreateCustomerRequest], Never> {
            Task { range.map(SyntheticCustomers.customer) }
        }
        var next = existing
        var pending = make(next..<min(customers, next + batch))
        while next < customers {
            let requests = await pending.value
            next += requests.count
            pending = make(next..<min(customers, next + batch))
            _ = try await store.createMany(requests)
            if (next / batch) % 10 == 0 { print("  seeded \(next)") }
        }
        let seconds = (ContinuousClock.now - started).seconds
        let compactStarted = ContinuousClock.now
        try await store.compact()
        let rate = Double(customers - existing) / seconds
        report.line("seed \(customers - existing) customers", value: String(format: "%.1f s, %.0f rows/s", seconds, rate))
        report.line("compact search index", value: String(format: "%.1f s", (ContinuousClock.now - compactStarted).seconds))
        report.line("peak RSS while seeding", value: "\(Machine.peakRSSKiB() / 1024) MB (not budgeted)")
    }
}

/// What the benchmark searches for: the kinds of text an operator types.
enum SearchMix {
    static let categories: [(name: String, queries: [String])] = [
        ("name fragments", ["müller", "schmidt", "jürgen", "acme", "wonka gm", "tanaka", "lumière", "ivanov", "dvořák", "Ørsted"]),
        ("email fragments", ["gmail", "@web.de", "finance@", "proton.me", "juergen.m", "hotmail", "ingrid.ros"]),
        ("external id fragments", ["crm-0004", "acct_", "sf-00123", "user_4242", "org-", "user_777777", "CRM-00123456"]),
        ("1-2 characters", ["a", "ü", "mü", "7", "z", "ø", "qx", "日"]),
        ("no match", ["zzqqxx", "nobody@nowhere", "🙂", "crm-x9"]),
        ("broad (most rows match)", ["com", ".com", "000", "gmail.com", "@", "e", "son", ".de", "er"]),
    ]
}

// main.swift cannot use @main, and in its top-level code both `StoreBench.main()` and
// `command.run()` resolve to ArgumentParser's synchronous versions (which only print the help),
// so parse here and call the benchmark by a name that has no synchronous twin.
do {
    let command = try await StoreBench.asyncParse()
    try await command.start()
} catch {
    StoreBench.exit(withError: error)
}
