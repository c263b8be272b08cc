@testable import Console
import CustomerKit
import Foundation
import TerminalUI
import TestSupport

/// Where a fuzz run tries to keep the console: when random keys lead elsewhere, the driver
/// steers back with the keys an operator would press (Esc, `n`, `e`, Tab...).
enum FuzzTarget: Sendable, CaseIterable {
    case list, detail, createForm, editForm, metadata, parent, country, restore, anywhere
}

/// One screen family's fuzz settings.
struct FuzzPlan: Sendable {
    var name: String
    var target: FuzzTarget
    var keys: Int
    var episodeKeys: Int
    var customers: Int
    var size = Size(cols: 80, rows: 24)
    /// Chance of a steering key when the console is away from the target.
    var steer = 0.5
    var renderEvery = 151
    var resizeRate = 0.004
    var ctrlCRate = 0.0015
    /// Keys that matter on the target screen, sent more often than chance would.
    var hotKeys: [Key] = []
    var hotRate = 0.15
    var pasteRate = 0.04
    var textRate = 0.45
    /// Chance that pending backend work is left waiting for later keys (a slow backend).
    var delayRate = 0.15
    var restorable = false
    /// Chance per key that someone else saves a customer (edit conflicts).
    var elsewhereRate = 0.002
    /// Lists come from a server that lies about totals and page sizes (see `HostileBackend`).
    var hostilePages = false
}

/// Drives a `ConsoleApp` with seeded random keys, runs its effects against `FakeBackend`
/// (sometimes late, sometimes cancelled, sometimes failing) and checks the invariants after
/// every key (cheap ones) and at checkpoints (rendering). Stops at the first broken invariant
/// and describes it with the seed and the keys that led there.
struct ConsoleFuzzer {
    let plan: FuzzPlan
    let seed: UInt64
    var rng: SplitMix64
    var backend: FakeBackend
    var runner: EffectRunner
    var app: ConsoleApp
    var canvas: CheckedCanvas
    var pending: [(RequestOrigin, ConsoleEffect)] = []
    /// The drafts the app last said to keep, and those it said to forget, not yet written.
    private var draftsToKeep: [DraftSnapshot]?
    private var draftsToForget: [String] = []
    var keysSent = 0
    var renders = 0
    var saves = 0
    var quits = 0
    /// Keys that arrived while the console was where the plan aims (for the summary).
    var onTarget = 0
    /// States the run reached at least once ("conflict", "saving", "suggestions"...), so a
    /// test can show that its keys got where they were meant to.
    var seen: Set<String> = []
    var failure: String?
    private var recent: [String] = []
    private let drafts = MemoryDraftStore()
    private var keeper: DraftKeeper

    /// `FUZZ_PROGRESS=1` reports every 10,000 keys on stderr (output of long runs is buffered).
    static let progress = ProcessInfo.processInfo.environment["FUZZ_PROGRESS"] != nil

    init(plan: FuzzPlan, seed: UInt64) {
        self.plan = plan
        self.seed = seed
        rng = SplitMix64(seed: seed)
        backend = FakeBackend()
        runner = EffectRunner(backend: backend)
        app = ConsoleApp(size: plan.size, backendLabel: "fuzz", supportsParents: true)
        canvas = CheckedCanvas(size: plan.size)
        keeper = DraftKeeper(store: drafts, backend: "fuzz", pid: 1)
    }

    /// Sends `plan.keys` keys in episodes of `plan.episodeKeys`, each with a fresh backend.
    mutating func run() async {
        while keysSent < plan.keys && failure == nil {
            await startEpisode()
            let end = min(plan.keys, keysSent + plan.episodeKeys)
            while keysSent < end && failure == nil {
                await step()
                // A million keys of pure computation would hold one of the two cooperative
                // threads for seconds; yielding lets the suite's HTTP stubs answer meanwhile.
                if keysSent % 256 == 0 { await Task.yield() }
            }
            checkForms()
            checkRender("end of episode")
            if failure == nil { checkBackend() }
        }
    }

    // MARK: - Episodes

    private mutating func startEpisode() async {
        backend = FakeBackend()
        runner = EffectRunner(backend: plan.hostilePages ? HostileBackend(backend, seed: rng.next()) : backend)
        let count = plan.customers == 0 ? 0 : rng.between(plan.customers / 2, plan.customers)
        var made: [Customer] = []
        for index in 0..<count {
            var customer = FuzzData.customer(&rng, index: index)
            if index > 2, rng.chance(0.15) {
                let parent = made[rng.below(min(index, 3))]
                customer.parentCustomerID = parent.id
            }
            if rng.chance(0.1) { customer.status = .archived }
            made.append(customer)
            backend.add(customer)
        }
        await restart()
    }

    /// A new console on the same backend (after a quit, or to reach the restore screen).
    private mutating func restart() async {
        let size = rng.chance(0.8) ? plan.size : rng.pick(FuzzKeys.sizes)
        app = ConsoleApp(size: size, backendLabel: rng.chance(0.1) ? FuzzText.text(&rng, pieces: 90) : "fuzz",
                         supportsParents: !rng.chance(0.1))
        canvas = CheckedCanvas(size: size)
        pending = []
        var restorable: [SavedDraft] = []
        if plan.restorable || rng.chance(0.02) {
            let all = backend.all
            for index in 0..<rng.between(1, 12) {
                restorable.append(FuzzData.savedDraft(&rng, index: index, customers: all))
            }
        }
        note("start \(size) drafts \(restorable.count)")
        await flush(app.start(restorable: restorable))
    }

    // MARK: - One key

    private mutating func step() async {
        if rng.chance(plan.resizeRate) {
            let size = rng.pick(FuzzKeys.sizes)
            canvas.resize(to: size)
            note("resize \(size)")
            await deliver(app.handle(.resize(size)))
            checkRender("after resize to \(size)")
            return
        }
        if rng.chance(0.003) { backend.failNext(FuzzData.error(&rng)) }
        if rng.chance(plan.elsewhereRate) {
            let all = backend.all
            if !all.isEmpty { backend.editElsewhere(id: rng.pick(all).id, FuzzData.change(&rng)) }
        }
        if plan.target == .restore, !app.stack.contains(where: { $0 is DraftRestoreScreen }), rng.chance(0.1) {
            await restart()
            return
        }
        if let steering = steeringEvent() {
            if case .key(let key) = steering {
                await press(key, steered: true)
            } else {
                if case .resize(let size) = steering { canvas.resize(to: size) }
                note("steer \(steering)")
                await deliver(app.handle(steering))
            }
            return
        }
        await press(nextKey(), steered: false)
    }

    private mutating func nextKey() -> Key {
        if rng.chance(plan.ctrlCRate) { return .control("c") }
        if !plan.hotKeys.isEmpty, rng.chance(plan.hotRate) { return rng.pick(plan.hotKeys) }
        if rng.chance(plan.pasteRate) { return .paste(FuzzText.paste(&rng)) }
        if rng.chance(plan.textRate) { return .character(FuzzText.character(&rng)) }
        switch rng.below(10) {
        case 0..<6: return rng.pick(FuzzKeys.special)
        case 6..<9: return rng.pick(FuzzKeys.control)
        default: return rng.pick(FuzzKeys.alt)
        }
    }

    private mutating func press(_ key: Key, steered: Bool) async {
        keysSent += 1
        note((steered ? "steer " : "") + describe(key))
        let before = QuitContext(app)
        let effects = app.handle(.key(key))
        if app.shouldQuit {
            if let problem = before.problem(quittingOn: key) { return fail(problem) }
            quits += 1
            await restart()
            return
        }
        await deliver(effects)
        if isOnTarget { onTarget += 1 }
        if keysSent % 4 == 0 { noteState() }
        checkAfterKey()
        if keysSent % 16 == 0 { writeDrafts() }
        if Self.progress, keysSent % 10_000 == 0 {
            FileHandle.standardError.write(Data("fuzz \(plan.name) seed \(seed): \(keysSent) keys at \(ContinuousClock.now)\n".utf8))
        }
        if keysSent % plan.renderEvery == 0 {
            checkForms()
            checkRender("checkpoint")
        }
    }

    /// New effects join the queue; most of the time the backend answers at once, sometimes
    /// the answers wait for later keys (so keys arrive while a save is in flight).
    private mutating func deliver(_ commands: [RuntimeCommand]) async {
        take(commands)
        if !rng.chance(plan.delayRate) { await flush([]) }
    }

    /// Carries out the app's commands as the runner does: effects queue, a cancel answers the
    /// screen's queued effects as cancelled, draft commands wait for `writeDrafts`.
    private mutating func take(_ commands: [RuntimeCommand]) {
        for command in commands {
            switch command {
            case let .perform(effect, origin): pending.append((origin, effect))
            case .cancel(let screen):
                let (cancelled, rest) = (pending.filter { $0.0.screen == screen }, pending.filter { $0.0.screen != screen })
                pending = rest
                for (origin, effect) in cancelled {
                    let error = CustomerError.transport(.cancelled, message: "The request to fuzz was cancelled")
                    take(app.receive(.failed(error, effect: effect), for: origin))
                }
            case .keepDrafts(let open): draftsToKeep = open
            case .forgetDraft(let id): draftsToForget.append(id)
            case .copyToClipboard, .switchProfile: break
            }
        }
    }

    private mutating func writeDrafts() {
        if let open = draftsToKeep { keeper.keep(open) }
        for id in draftsToForget { keeper.forget(id: id) }
        draftsToKeep = nil
        draftsToForget = []
    }

    /// Files the fuzzed keys name (an export's path, an import's) are written and read in a
    /// folder of the run's own, never relative to the test's working directory (the checkout).
    static let fileSandbox: String = {
        let folder = NSTemporaryDirectory() + "fuzz-files-\(ProcessInfo.processInfo.processIdentifier)/"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }()

    static func sandboxed(_ effect: ConsoleEffect) -> ConsoleEffect {
        func inside(_ path: String) -> String {
            fileSandbox + path.replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "~", with: "_")
        }
        switch effect {
        case let .exportFile(path, query, format): return .exportFile(path: inside(path), query: query, format: format)
        case let .importFile(path, options, dryRun): return .importFile(path: inside(path), options: options, dryRun: dryRun)
        default: return effect
        }
    }

    /// Runs every queued effect and what its answers ask for, in order.
    private mutating func flush(_ commands: [RuntimeCommand]) async {
        take(commands)
        var performed = 0
        while !pending.isEmpty && failure == nil {
            let (origin, effect) = pending.removeFirst()
            performed += 1
            if performed > 2_000 { return fail("more than 2000 effects from one key: a loop of effects") }
            if let problem = FuzzInvariants.problem(in: effect) { return fail(problem) }
            let result = await runner.perform(Self.sandboxed(effect))
            switch result {
            case .created(let customer), .updated(let customer):
                saves += 1
                if let problem = FuzzInvariants.problem(saved: customer) { return fail(problem) }
            default:
                break
            }
            take(app.receive(result, for: origin))
        }
    }

    // MARK: - Invariants

    /// Keys reach the focused field only (checkpoints check all of them).
    private mutating func checkAfterKey() {
        guard let form, case .text(let index) = form.focus else { return }
        if let problem = FuzzInvariants.problem(in: form.fields[index]) { fail(problem) }
    }

    /// At checkpoints: every open form, and the drafts that would be written to disk.
    private mutating func checkForms() {
        for screen in app.stack {
            guard let form = screen as? CustomerFormScreen else { continue }
            if let problem = FuzzInvariants.problem(in: form) { return fail(problem) }
        }
        for snapshot in app.openDrafts {
            for field in CustomerDraft.textFields {
                let value = snapshot.draft[field]
                if !FuzzInvariants.formAccepts(field, value) {
                    return fail("draft \(snapshot.id): \(field) holds \(FuzzInvariants.describe(value))")
                }
            }
        }
    }

    private mutating func checkRender(_ when: String) {
        guard failure == nil else { return }
        renders += 1
        if canvas.size != app.size { canvas.resize(to: app.size) }
        app.render(into: canvas)
        let problems = canvas.takeViolations() + canvas.gridProblems()
        if !problems.isEmpty {
            fail("rendering (\(when)) at \(app.size) broke the canvas:\n  " + problems.prefix(6).joined(separator: "\n  ")
                 + "\nscreen:\n" + canvas.grid.text())
        }
    }

    private mutating func checkBackend() {
        for customer in backend.all {
            if let problem = FuzzInvariants.problem(saved: customer) { return fail(problem) }
        }
    }

    private mutating func fail(_ problem: String) {
        guard failure == nil else { return }
        failure = "[\(plan.name)] seed \(seed), key #\(keysSent): \(problem)\nlast events: "
            + recent.joined(separator: " | ")
    }

    private mutating func note(_ event: String) {
        recent.append(event)
        if recent.count > 16 { recent.removeFirst() }
    }

    private func describe(_ key: Key) -> String {
        switch key {
        case .character(let c): "char \(String(reflecting: String(c)))"
        case .paste(let body): "paste \(body.count) graphemes \(String(reflecting: String(body.prefix(16))))"
        default: key.displayName
        }
    }
}
