// See CTerminalSignals.h for why this is a C file and not a header.
#include "CTerminalSignals.h"

#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

// The one copy of the pending flags. A handler may only touch `volatile sig_atomic_t`.
static volatile sig_atomic_t pending[FX_SIG_COUNT];

// The thread that runs the input loop, while it does. A signal the kernel hands to another
// thread is passed on to it, so that its blocked read returns at once (EINTR) instead of at
// the end of its poll slice. pthread_kill is async-signal-safe.
static pthread_t input_thread;
static volatile sig_atomic_t has_input_thread;

static void flag_handler(int sig) {
    if (has_input_thread && !pthread_equal(pthread_self(), input_thread)) pthread_kill(input_thread, sig);
    switch (sig) {
    case SIGHUP: pending[FX_SIG_HUP] = 1; break;
    case SIGTERM: pending[FX_SIG_TERM] = 1; break;
    case SIGINT: pending[FX_SIG_INT] = 1; break;
    case SIGTSTP: pending[FX_SIG_TSTP] = 1; break;
    case SIGCONT: pending[FX_SIG_CONT] = 1; break;
    default: break;
    }
}

static int install_handler(int sig, void (*handler)(int)) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;
    return sigaction(sig, &sa, NULL);
}

int fx_signals_install(void) {
    int rc = 0;
    rc |= install_handler(SIGHUP, flag_handler);
    rc |= install_handler(SIGTERM, flag_handler);
    rc |= install_handler(SIGINT, flag_handler);
    // Installed before ncurses starts, so ncurses keeps its own SIGTSTP handler out: that one
    // would stop the process without the console putting its own modes (bracketed paste) back.
    rc |= install_handler(SIGTSTP, flag_handler);
    rc |= install_handler(SIGCONT, flag_handler);
    rc |= install_handler(SIGPIPE, SIG_IGN);
    // The input loop's thread may have been started from one that blocks signals (a Dispatch
    // or Swift concurrency worker does); unblocked here, a signal can interrupt its read.
    sigset_t handled;
    sigemptyset(&handled);
    sigaddset(&handled, SIGHUP);
    sigaddset(&handled, SIGTERM);
    sigaddset(&handled, SIGINT);
    sigaddset(&handled, SIGTSTP);
    sigaddset(&handled, SIGCONT);
    rc |= pthread_sigmask(SIG_UNBLOCK, &handled, NULL);
    return rc;
}

void fx_signals_attach_input_thread(void) {
    input_thread = pthread_self();
    has_input_thread = 1;
}

void fx_signals_detach_input_thread(void) {
    has_input_thread = 0;
}

int fx_terminal_is_foreground(void) {
    pid_t owner = tcgetpgrp(STDIN_FILENO);
    return owner < 0 || owner == getpgrp();
}

int fx_can_stop_as_job(void) {
    // A job-control shell runs us in a process group of our own, in its session: then the
    // group is not orphaned and a stop signal really stops us.
    pid_t parent = getppid();
    return getsid(parent) == getsid(0) && getpgid(parent) != getpgrp();
}

int fx_signals_take(void) {
    for (int i = 0; i < FX_SIG_COUNT; i++) {
        if (pending[i]) {
            pending[i] = 0;
            return i;
        }
    }
    return -1;
}

void fx_signals_raise_flag(int index) {
    if (index >= 0 && index < FX_SIG_COUNT) pending[index] = 1;
}

void fx_signals_stop_self(void) {
    install_handler(SIGTSTP, SIG_DFL);
    // SIGTSTP may be blocked by whoever started us; the stop must happen now.
    sigset_t tstp, previous;
    sigemptyset(&tstp);
    sigaddset(&tstp, SIGTSTP);
    sigprocmask(SIG_UNBLOCK, &tstp, &previous);
    // raise, not kill(getpid()): a signal sent to the process may be taken by another thread
    // after kill has returned, when the flag handler is back, and then nothing stops. Sent to
    // this thread it stops the process before raise returns, which is once we are continued.
    raise(SIGTSTP);
    sigprocmask(SIG_SETMASK, &previous, NULL);
    install_handler(SIGTSTP, flag_handler);
    // The SIGCONT that woke us is part of this stop, not a stop of someone else's.
    pending[FX_SIG_CONT] = 0;
    pending[FX_SIG_TSTP] = 0;
}

// --- Crash safety -----------------------------------------------------------------------------

static struct termios saved_termios;
static volatile sig_atomic_t termios_is_saved;

static void crash_handler(int sig) {
    if (termios_is_saved) tcsetattr(STDIN_FILENO, TCSANOW, &saved_termios);
    static const char reset[] = "\033[?2004l\033[0m\033[?25h\033[?1049l\r\n";
    ssize_t ignored = write(STDOUT_FILENO, reset, sizeof reset - 1);
    (void)ignored;
    signal(sig, SIG_DFL);
    raise(sig);
}

int fx_crash_restore_install(void) {
    if (tcgetattr(STDIN_FILENO, &saved_termios) == 0) termios_is_saved = 1;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = crash_handler;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESETHAND | SA_NODEFER;
    const int fatal[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP};
    int rc = 0;
    for (unsigned i = 0; i < sizeof fatal / sizeof fatal[0]; i++) rc |= sigaction(fatal[i], &sa, NULL);
    return rc;
}
