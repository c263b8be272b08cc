import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A child process started with `posix_spawn`, for every test that runs a program.
///
/// Not Foundation's `Process`: on Linux its `run()` crashes now and then (a 256-byte read past
/// a `readdir` buffer while it lists `/proc/self/fd`, swift-corelibs-foundation PR #5472, not
/// yet in the toolchain here), which took down whole test runs. This also starts the child
/// with no blocked signals and default handlers (the test runner blocks some, and a child that
/// inherited a blocked SIGTERM could not be stopped), its own standard streams (`/dev/null`
/// where none is given) and no other descriptor of the runner's.
public final class ChildProcess: @unchecked Sendable {
    // @unchecked: `exitStatus` is only touched while `lock` is held.
    public let pid: pid_t
    private let lock = NSLock()
    private var exitStatus: Int32?

    public struct SpawnError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Starts `executable` (a path; a bare name is looked up on PATH) with `arguments`.
    /// `environment` nil inherits the runner's. Descriptors given for the standard streams are
    /// duplicated into the child; the caller closes its own copies.
    public init(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                directory: String? = nil, stdin: Int32? = nil, stdout: Int32? = nil, stderr: Int32? = nil) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for (target, given) in [(Int32(0), stdin), (1, stdout), (2, stderr)] {
            if let given {
                posix_spawn_file_actions_adddup2(&actions, given, target)
            } else {
                posix_spawn_file_actions_addopen(&actions, target, "/dev/null", target == 0 ? O_RDONLY : O_WRONLY, 0)
            }
        }
        // glibc has these (2.29, 2.34) but the Swift module does not show them.
        if let closeFrom = Self.addCloseFrom {
            _ = closeFrom(&actions, 3)
        }
        if let directory {
            guard let chdir = Self.addChdir else {
                throw SpawnError(description: "this C library cannot start a process in another directory")
            }
            _ = chdir(&actions, directory)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGTERM, SIGINT, SIGHUP, SIGPIPE, SIGQUIT, SIGCHLD, SIGUSR1, SIGUSR2] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let program = executable.contains("/") ? executable : "/usr/bin/env"
        let argv = (executable.contains("/") ? [executable] : ["env", executable]) + arguments
        let env = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        var cArguments = argv.map { strdup($0) } + [nil]
        var cEnvironment = env.map { strdup($0) } + [nil]
        defer {
            for pointer in cArguments { free(pointer) }
            for pointer in cEnvironment { free(pointer) }
        }
        var child: pid_t = 0
        let result = posix_spawn(&child, program, &actions, &attributes, &cArguments, &cEnvironment)
        guard result == 0 else {
            throw SpawnError(description: "could not start \(executable): \(String(cString: strerror(result)))")
        }
        pid = child
    }

    /// Waits for the end; the exit status, or 128 + the signal that ended it (as a shell says).
    @discardableResult
    public func wait() -> Int32 {
        if let known = lock.withLock({ exitStatus }) { return known }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return record(status)
    }

    /// The exit status if it has ended, without waiting.
    public func poll() -> Int32? {
        if let known = lock.withLock({ exitStatus }) { return known }
        var status: Int32 = 0
        guard waitpid(pid, &status, WNOHANG) == pid else { return nil }
        return record(status)
    }

    public var isRunning: Bool { poll() == nil }

    public func send(_ signal: Int32) {
        if isRunning { kill(pid, signal) }
    }

    private func record(_ status: Int32) -> Int32 {
        let low = status & 0x7f
        let code = low == 0 ? (status >> 8) & 0xff : 128 + low
        lock.withLock { exitStatus = code }
        return code
    }

    /// A pipe whose ends are closed on exec: only the end handed to a child as a standard
    /// stream reaches it (children started here close everything else anyway).
    public static func pipe() throws -> (read: Int32, write: Int32) {
        var fds: [Int32] = [0, 0]
        guard Glibc.pipe(&fds) == 0 else { throw SpawnError(description: "pipe: \(String(cString: strerror(errno)))") }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return (fds[0], fds[1])
    }

    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    private typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32

    /// Looked up once, not at every start.
    private static let addCloseFrom = symbol("posix_spawn_file_actions_addclosefrom_np", as: AddCloseFrom.self)
    private static let addChdir = symbol("posix_spawn_file_actions_addchdir_np", as: AddChdir.self)

    private static func symbol<T>(_ name: String, as type: T.Type) -> T? {
        guard let handle = dlopen(nil, RTLD_NOW), let address = dlsym(handle, name) else { return nil }
        return unsafeBitCast(address, to: type)
    }
}
