import FlexpriceCLI
import Foundation
import TestSupport
import Testing

/// What an operator's host gets: `scripts/install.sh` (PREFIX, DESTDIR) and the Debian package
/// from `scripts/build-deb.sh`, both from the release build the pseudo-terminal suite tests.
/// The package is installed for real with dpkg where CI asks for it (FLEXPRICE_TEST_INSTALL_DEB=1,
/// as root); elsewhere it is unpacked into a folder and run from there.
@Suite(.serialized) struct InstallTests {
    static let root = EndToEndConsoleTests.root

    /// Installs into a DESTDIR with PREFIX=/usr/local and returns the installed tree's root.
    private func installed(_ sandbox: Sandbox) async throws -> String {
        _ = try await EndToEndConsoleTests.releaseConsoleBinary()
        let destination = sandbox.root + "/stage"
        let result = try await BuiltBinaries.output("bash", ["scripts/install.sh"],
                                                    environment: ["DESTDIR": destination, "PREFIX": "/usr/local",
                                                                  "FLEXPRICE_SKIP_BUILD": "1"],
                                                    directory: Self.root)
        try #require(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        return destination + "/usr/local"
    }

    @Test(.timeLimit(.minutes(45))) func installPutsEveryFileWhereAHostLooks() async throws {
        let sandbox = try Sandbox()
        let prefix = try await installed(sandbox)
        for file in ["bin/flexprice-console", "share/man/man1/flexprice-console.1.gz",
                     "share/bash-completion/completions/flexprice-console", "share/zsh/site-functions/_flexprice-console",
                     "share/fish/vendor_completions.d/flexprice-console.fish",
                     "share/flexprice-console/themes/default.json", "share/flexprice-console/themes/high-contrast.json",
                     "share/doc/flexprice-console/config.example.json"] {
            #expect(FileManager.default.fileExists(atPath: prefix + "/" + file), "\(file) is installed")
        }
        let version = try await BuiltBinaries.output(prefix + "/bin/flexprice-console", ["--version"])
        #expect(version.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == ConsoleVersion.current)
        for shell in ["bash-completion/completions/flexprice-console", "zsh/site-functions/_flexprice-console",
                      "fish/vendor_completions.d/flexprice-console.fish"] {
            let script = try String(contentsOfFile: prefix + "/share/" + shell, encoding: .utf8)
            #expect(script.contains("customers") && script.contains("import") && script.contains("on-existing"),
                    "\(shell) completes the subcommands and their options")
        }
    }

    /// The manual names every subcommand and every long option the binary has, and its version.
    @Test(.timeLimit(.minutes(45))) func theManualPageCoversTheWholeCommandLine() async throws {
        let sandbox = try Sandbox()
        let prefix = try await installed(sandbox)
        let page = try await BuiltBinaries.output("gzip", ["-dc", prefix + "/share/man/man1/flexprice-console.1.gz"])
        // roff writes a hyphen in an option as \-.
        let text = page.stdout.replacingOccurrences(of: "\\-", with: "-")
        #expect(text.contains("\"flexprice-console \(ConsoleVersion.current)\""), "the page's version is the binary's")
        let help = try await BuiltBinaries.output(prefix + "/bin/flexprice-console", ["--experimental-dump-help"])
        let tool = try #require(try JSONSerialization.jsonObject(with: Data(help.stdout.utf8)) as? [String: Any])
        var missing: [String] = []
        func walk(_ command: [String: Any]) {
            if let name = command["commandName"] as? String, !text.contains(name) { missing.append(name) }
            for argument in command["arguments"] as? [[String: Any]] ?? [] {
                for name in argument["names"] as? [[String: Any]] ?? [] where name["kind"] as? String == "long" {
                    let option = "--" + (name["name"] as? String ?? "")
                    if !["--help", "--experimental-dump-help", "--generate-completion-script"].contains(option),
                       !text.contains(option) {
                        missing.append("\(command["commandName"] ?? "") \(option)")
                    }
                }
            }
            for sub in command["subcommands"] as? [[String: Any]] ?? [] { walk(sub) }
        }
        walk(try #require(tool["command"] as? [String: Any]))
        #expect(missing.isEmpty, "the manual page leaves out \(missing)")
    }

    /// Run by its bare name from PATH, as on a host (argv[0] without a folder), the installed
    /// console finds its installed themes.
    @Test(.timeLimit(.minutes(45))) func theInstalledConsoleFindsItsThemesFromPath() async throws {
        let sandbox = try Sandbox()
        let prefix = try await installed(sandbox)
        let python = try await BuiltBinaries.offPool {
            try PythonSuite.interpreter(root: Self.root, venv: "e2e-venv", modules: ["pyte", "wcwidth"],
                                        requirements: "Tests/EndToEnd/requirements.txt")
        }
        var environment = sandbox.environment
        environment["PATH"] = prefix + "/bin:/usr/bin:/bin"
        let run = try await BuiltBinaries.output(
            python, [Self.root.path + "/Tests/EndToEnd/ttydrive", "--cols", "120", "--ready", "No customers yet",
                     "--keys-inline", "assert-no not found", "--keys-inline", "type q",
                     "--", "flexprice-console", "--theme", "high-contrast"],
            environment: environment, directory: URL(fileURLWithPath: sandbox.home))
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
    }

    @Test(.timeLimit(.minutes(45))) func theDebianPackageInstallsAndWorks() async throws {
        let sandbox = try Sandbox()
        _ = try await EndToEndConsoleTests.releaseConsoleBinary()
        let built = try await BuiltBinaries.output("bash", ["scripts/build-deb.sh", sandbox.root + "/deb"],
                                                   environment: ["FLEXPRICE_SKIP_BUILD": "1"], directory: Self.root)
        try #require(built.status == 0, "\(built.stdout)\n\(built.stderr)")
        let deb = built.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let fields = try await BuiltBinaries.output("dpkg-deb", ["--field", deb, "Package", "Version", "Depends"])
        #expect(fields.stdout.contains("Package: flexprice-console"))
        #expect(fields.stdout.contains("Version: \(ConsoleVersion.current)"))
        #expect(fields.stdout.contains("libncursesw6") && fields.stdout.contains("libsqlite3-0"), "\(fields.stdout)")
        #expect(!fields.stdout.contains("swift"), "the Swift runtime is inside the binary, not a dependency")
        let contents = try await BuiltBinaries.output("dpkg-deb", ["--contents", deb])
        for file in ["./usr/bin/flexprice-console", "./usr/share/man/man1/flexprice-console.1.gz",
                     "./usr/share/flexprice-console/themes/default.json", "./usr/share/doc/flexprice-console/copyright"] {
            #expect(contents.stdout.contains(file), "the package holds \(file)")
        }

        let binary: String
        if ProcessInfo.processInfo.environment["FLEXPRICE_TEST_INSTALL_DEB"] == "1", getuid() == 0 {
            let install = try await BuiltBinaries.output("dpkg", ["-i", deb])
            try #require(install.status == 0, "\(install.stdout)\n\(install.stderr)")
            binary = "/usr/bin/flexprice-console"
        } else {
            let unpacked = sandbox.root + "/unpacked"
            let extract = try await BuiltBinaries.output("dpkg-deb", ["-x", deb, unpacked])
            try #require(extract.status == 0, "\(extract.stderr)")
            binary = unpacked + "/usr/bin/flexprice-console"
        }
        defer {
            if binary == "/usr/bin/flexprice-console" { _ = try? BuiltBinaries.run("dpkg", ["-r", "flexprice-console"]) }
        }
        let version = try await BuiltBinaries.output(binary, ["--version"], environment: sandbox.environment)
        #expect(version.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == ConsoleVersion.current)
        try await roundTrip(binary, sandbox)
    }

    /// A customer created, read back and found by the installed CLI, on a new local store.
    private func roundTrip(_ binary: String, _ sandbox: Sandbox) async throws {
        let body = #"{"external_id":"installed-1","name":"Installed Ltd","email":"ops@example.com","address_country":"DE"}"#
        let created = try await BuiltBinaries.output(binary, ["customers", "create", "--file", "-", "--json"],
                                                     environment: sandbox.environment, input: body)
        #expect(created.status == 0, "\(created.stdout)\n\(created.stderr)")
        let read = try await BuiltBinaries.output(binary, ["customers", "get", "--external-id", "installed-1", "--json"],
                                                  environment: sandbox.environment)
        let customer = try JSONSerialization.jsonObject(with: Data(read.stdout.utf8)) as? [String: Any]
        #expect(customer?["name"] as? String == "Installed Ltd", "\(read.stdout)\n\(read.stderr)")
        #expect(customer?["address_country"] as? String == "DE")
        let found = try await BuiltBinaries.output(binary, ["customers", "list", "--search", "installed", "--json"],
                                                   environment: sandbox.environment)
        let page = try JSONSerialization.jsonObject(with: Data(found.stdout.utf8)) as? [String: Any]
        #expect((page?["items"] as? [Any])?.count == 1, "\(found.stdout)")
        #expect(FileManager.default.fileExists(atPath: sandbox.defaultDatabase), "the store is where the XDG paths say")
    }
}
