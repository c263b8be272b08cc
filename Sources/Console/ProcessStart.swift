import Foundation

/// Which process a pid names, beyond the number: the system reuses pids (after a reboot or a
/// container restart an unrelated process may have a draft owner's pid), so a draft records
/// its owner's start as well, and a live pid with another start is not its owner.
enum ProcessStart {
    /// "boot id:start time" on Linux (the start is clock ticks since boot, field 22 of
    /// /proc/PID/stat); nil where that cannot be read (another system, a process gone).
    static func identity(of pid: Int32) -> String? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        // The command name (in parentheses) may hold spaces; the fields after it start at 3.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 19 else { return nil }
        let boot = (try? String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8)) ?? ""
        return boot.trimmingCharacters(in: .whitespacesAndNewlines) + ":" + fields[19]
    }
}
