import Console
import CustomerKit
import Foundation
import LocalStore
import Testing
import TerminalUI

/// Profiles in the console: always on screen, production unmistakable and asking for the
/// external id before a delete, switched with P without a restart.
@Suite struct ProfileConsoleTests {
    static let production = WorkingProfile(name: "prod", environmentID: "env_live", isProduction: true,
                                           available: ["prod", "sandbox"])
    static let sandbox = WorkingProfile(name: "sandbox", environmentID: "env_test", available: ["prod", "sandbox"])

    static func backend() -> FakeBackend {
        let backend = FakeBackend()
        backend.add(QuickEntryTests.acme())
        return backend
    }

    @Test func theProfileAndEnvironmentAreInTheTitleBar() async {
        let h = await ConsoleHarness(backend: Self.backend(), profile: Self.sandbox)
        #expect(h.line(0).contains("profile sandbox · env env_test · …test.sqlite"), "\(h.line(0))")
        let p = await ConsoleHarness(backend: Self.backend(), profile: Self.production)
        #expect(p.line(0).contains("PRODUCTION prod · env env_live"), "\(p.line(0))")
    }

    @Test func onANarrowTerminalTheProfileStaysWhole() async {
        let h = await ConsoleHarness(backend: Self.backend(), size: Size(cols: 64, rows: 20), profile: Self.production)
        #expect(h.line(0).contains("PRODUCTION prod · env env_live"), "\(h.line(0))")
    }

    @Test func theProductionTitleBarIsDrawnInTheProductionRole() async {
        let h = await ConsoleHarness(backend: Self.backend(), profile: Self.production)
        _ = h.screen()
        #expect((0..<80).allSatisfy { h.canvas.role(row: 0, col: $0) == .production })
        let s = await ConsoleHarness(backend: Self.backend(), profile: Self.sandbox)
        _ = s.screen()
        #expect(s.canvas.role(row: 0, col: 0) == .statusBar)
    }

    @Test func aDeleteOnProductionWantsTheExternalIDTypedExactly() async {
        let backend = Self.backend()
        var h = await ConsoleHarness(backend: backend, profile: Self.production)
        await h.press(.character("d"))
        #expect(h.contains("Production: type acme-1 to confirm."))
        await h.press(.character("y"))
        #expect(backend.all.first?.status == .published, "y is typed, not a yes")
        await h.type("acme-")
        await h.press(.enter)
        #expect(h.contains("That is not acme-1; nothing was done."))
        #expect(backend.all.first?.status == .published)
        await h.press(.character("d"))
        await h.type("ACME-1")
        await h.press(.enter)
        #expect(backend.all.first?.status == .published, "no case folding")
        await h.press(.character("d"))
        await h.type("acme-1")
        await h.press(.enter)
        #expect(backend.all.first?.status == .archived)
    }

    @Test func escCancelsTheTypedConfirmation() async {
        let backend = Self.backend()
        var h = await ConsoleHarness(backend: backend, profile: Self.production)
        await h.press(.enter, .character("d"))
        await h.type("acme-1")
        await h.press(.escape)
        #expect(!h.contains("Production: type"))
        #expect(backend.all.first?.status == .published)
    }

    @Test func elsewhereYIsEnough() async {
        let backend = Self.backend()
        var h = await ConsoleHarness(backend: backend, profile: Self.sandbox)
        await h.press(.character("d"), .character("y"))
        #expect(backend.all.first?.status == .archived)
    }

    @Test func shiftPListsTheProfilesAndEnterAsksToSwitch() async {
        var h = await ConsoleHarness(backend: Self.backend(), profile: Self.production)
        await h.press(.character("P"))
        #expect(h.contains("▸ prod  (current)"))
        #expect(h.contains("sandbox"))
        await h.press(.enter)
        #expect(h.switchedTo.isEmpty)
        #expect(h.contains("Already on profile prod."))
        await h.press(.character("P"), .down, .enter)
        #expect(h.switchedTo == ["sandbox"])
    }

    @Test func withoutProfilesTheScreenSaysHowToAddThem() async {
        var h = await ConsoleHarness(backend: Self.backend())
        await h.press(.character("P"))
        #expect(h.contains("The config file has no profiles."))
        await h.press(.enter)
        #expect(h.switchedTo.isEmpty)
    }

    /// The real runner: P then Enter starts again on the other profile's store and theme; a
    /// profile that cannot be opened leaves the console where it was.
    @Test func theRunnerSwitchesStoreAndThemeWithoutARestart() async throws {
        let workspace = try RunnerTests.Workspace()
        let sandboxStore = workspace.path + "/sandbox.sqlite"
        let seeded = try LocalCustomerStore(path: sandboxStore, operator: "seed")
        _ = try await seeded.create(CreateCustomerRequest(externalID: "only-in-sandbox", name: "Sandbox Only"))
        let database = workspace.database
        @Sendable func start(_ path: String, _ profile: WorkingProfile, theme: Theme) -> ConsoleStart {
            ConsoleStart(backendLabel: "local: \(path)",
                         backend: BackendOpening { () throws(CustomerError) -> EffectRunner in
                             EffectRunner(backend: try LocalCustomerStore(path: path, operator: "runner-test"))
                         },
                         theme: theme, supportsParents: true, profile: profile)
        }
        var other = Theme.builtinDefault
        other.name = "monochrome"
        let monochrome = other
        let terminal = ScriptedTerminal(size: Size(cols: 100, rows: 24), [
            .waitFor("PRODUCTION prod"), .waitFor("No customers yet"),
            .key(.character("P")), .waitFor("(current)"), .key(.down), .key(.enter),
            .waitFor("Now on profile sandbox."), .waitFor("Sandbox Only"), .waitFor("profile sandbox"),
            .key(.character("P")), .key(.up), .key(.enter), .waitFor("Cannot switch to profile prod: its key file is gone"),
            .key(.escape), .waitFor("Sandbox Only"), .key(.character("q")),
        ])
        let first = start(database, Self.production, theme: .builtinDefault)
        let runner = ConsoleRunner(terminal: terminal, start: first) { name in
            name == "sandbox" ? .success(start(sandboxStore, Self.sandbox, theme: monochrome))
                : .failure(ProfileSwitchFailure("its key file is gone"))
        }
        try await ConsoleRunner.runDetached(runner)
        #expect(terminal.failure == nil, "\(terminal.failure ?? "")")
        #expect(terminal.themes == ["monochrome"])
    }
}
