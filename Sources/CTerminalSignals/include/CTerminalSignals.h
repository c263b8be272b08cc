// Signal flags and crash-time terminal restoration, in a C translation unit of their own.
//
// Why not static inline functions in a header (as they once were in CNcursesw/shim.h): a
// `static` variable in a header exists once per object file that uses it. A release build
// compiles differently from a debug one, and there the handler set one copy of the flags
// while the input loop read another, so SIGTERM, SIGINT and SIGHUP were silently ignored.
// Here each variable is defined exactly once, in signals.c, with external linkage.
#ifndef FLEXPRICE_CTERMINALSIGNALS_H
#define FLEXPRICE_CTERMINALSIGNALS_H

/// The signals the console reacts to, as indices into the pending flags.
enum {
    FX_SIG_HUP = 0,
    FX_SIG_TERM = 1,
    FX_SIG_INT = 2,
    /// SIGTSTP from outside (kill -TSTP, a job-control stop): suspend properly.
    FX_SIG_TSTP = 3,
    /// SIGCONT: the process ran again after a stop it did not arrange (kill -STOP, then fg).
    FX_SIG_CONT = 4,
    FX_SIG_COUNT = 5
};

/// Installs the flag-setting handlers for SIGHUP, SIGTERM, SIGINT, SIGTSTP and SIGCONT
/// (without SA_RESTART, so a blocked read returns at once) and ignores SIGPIPE: after a
/// hang-up, writes must fail with an error instead of killing the process before drafts are
/// saved. Also unblocks those signals on the calling thread (the input loop's). Idempotent.
/// Returns 0 on success.
int fx_signals_install(void);

/// Names the calling thread as the input loop's: signals the kernel delivers to any other
/// thread are passed on to it, so its read is interrupted at once. Detach before it ends.
void fx_signals_attach_input_thread(void);
void fx_signals_detach_input_thread(void);

/// The index (FX_SIG_*) of a pending signal, clearing it, or -1. Hang-up first: it is the
/// one where the terminal is already gone.
int fx_signals_take(void);

/// Raises a flag as if the signal had arrived (tests, and a synthetic hang-up on tty EOF).
void fx_signals_raise_flag(int index);

/// Stops the process with SIGTSTP's default action (as the shell expects of a job) and
/// returns once it is continued; the flag handler is back in place afterwards.
void fx_signals_stop_self(void);

/// 1 when this process's group owns the terminal (or that cannot be told), 0 when it runs in
/// the background (continued with `bg` or kill -CONT while the shell has the terminal).
int fx_terminal_is_foreground(void);

/// 1 when a stop signal would really stop the process: its parent (a job-control shell) is in
/// the same session but another process group. Otherwise the kernel drops SIGTSTP.
int fx_can_stop_as_job(void);

/// Saves the terminal's modes now (before curses changes them) and installs handlers for
/// fatal signals (a Swift trap is SIGILL or SIGTRAP) that put those modes back and leave the
/// alternate screen with async-signal-safe calls only (tcsetattr, write), then die of the same
/// signal. Returns 0 on success.
int fx_crash_restore_install(void);

#endif
