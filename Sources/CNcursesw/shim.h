// Shim for ncursesw. SwiftPM drops pkg-config's -D flags, so wide-character support must be
// switched on here, before the header, or get_wch/cchar_t/setcchar stay invisible to Swift.
#ifndef CNCURSESW_SHIM_H
#define CNCURSESW_SHIM_H
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <langinfo.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// Macros and globals Swift cannot import (or that strict concurrency rejects) are exposed
// as tiny inline functions.
static inline WINDOW *cn_stdscr(void) { return stdscr; }
static inline WINDOW *cn_curscr(void) { return curscr; }
static inline int cn_lines(void) { return LINES; }
static inline int cn_cols(void) { return COLS; }
static inline attr_t cn_a_bold(void) { return A_BOLD; }
static inline attr_t cn_a_reverse(void) { return A_REVERSE; }
static inline attr_t cn_a_underline(void) { return A_UNDERLINE; }
static inline attr_t cn_a_dim(void) { return A_DIM; }
static inline attr_t cn_a_normal(void) { return A_NORMAL; }
static inline int cn_key_f(int n) { return KEY_F(n); }
static inline int cn_color_pair(int n) { return (int)COLOR_PAIR(n); }
static inline int cn_colors(void) { return COLORS; }
static inline int cn_color_pairs(void) { return COLOR_PAIRS; }
static inline void cn_getmaxyx(WINDOW *w, int *y, int *x) { getmaxyx(w, *y, *x); }
static inline int cn_err(void) { return ERR; }

// newterm on the process's own stdio; `stdout`/`stdin` are mutable globals Swift 6 rejects.
static inline SCREEN *cn_newterm_stdio(const char *term) { return newterm(term, stdout, stdin); }
static inline void cn_flush_stdout(void) { fflush(stdout); }

// glibc only declares wcwidth under _XOPEN_SOURCE/_GNU_SOURCE, which Swift's Glibc module lacks.
extern int wcwidth(wchar_t c);
static inline int cn_wcwidth(unsigned int c) { return wcwidth((wchar_t)c); }

// LC_CTYPE_MASK is a shift expression, not importable as a constant.
static inline int cn_lc_ctype_mask(void) { return LC_CTYPE_MASK; }
// True when the locale chosen by setlocale(LC_ALL, "") encodes text as UTF-8.
static inline int cn_locale_is_utf8(void) {
    const char *cs = nl_langinfo(CODESET);
    return cs != NULL && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

// --- Signals -------------------------------------------------------------------------------
// A handler may only touch `volatile sig_atomic_t`. The flags live in a function-local static
// of a `static inline` function, which gives one copy per object file that calls it: so ONLY
// Sources/TerminalUI/SignalFlags.swift may call the cn_signal_* functions below.
enum { CN_SIG_HUP = 0, CN_SIG_TERM = 1, CN_SIG_INT = 2, CN_SIG_COUNT = 3 };

static inline volatile sig_atomic_t *cn_signal_flags(void) {
    static volatile sig_atomic_t flags[CN_SIG_COUNT];
    return flags;
}

static inline void cn_signal_handler(int sig) {
    volatile sig_atomic_t *flags = cn_signal_flags();
    if (sig == SIGHUP) flags[CN_SIG_HUP] = 1;
    else if (sig == SIGTERM) flags[CN_SIG_TERM] = 1;
    else if (sig == SIGINT) flags[CN_SIG_INT] = 1;
}

// Installs the flag-setting handlers for SIGHUP/SIGTERM/SIGINT (no SA_RESTART, so a blocked
// read returns at once) and ignores SIGPIPE: after a hang-up, writes must fail with an error
// instead of killing the process before drafts are saved. Returns 0 on success.
static inline int cn_signal_install(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = cn_signal_handler;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;
    int rc = 0;
    rc |= sigaction(SIGHUP, &sa, NULL);
    rc |= sigaction(SIGTERM, &sa, NULL);
    rc |= sigaction(SIGINT, &sa, NULL);
    struct sigaction ign;
    memset(&ign, 0, sizeof ign);
    ign.sa_handler = SIG_IGN;
    sigemptyset(&ign.sa_mask);
    rc |= sigaction(SIGPIPE, &ign, NULL);
    return rc;
}

// Returns the index (CN_SIG_*) of a pending signal and clears it, or -1. Hang-up first: it is
// the one where the terminal is already gone.
static inline int cn_signal_take(void) {
    volatile sig_atomic_t *flags = cn_signal_flags();
    for (int i = 0; i < CN_SIG_COUNT; i++) {
        if (flags[i]) { flags[i] = 0; return i; }
    }
    return -1;
}

// Raises a flag as if the signal had arrived (tests, and synthetic hang-up on tty EOF).
static inline void cn_signal_raise_flag(int index) {
    if (index >= 0 && index < CN_SIG_COUNT) cn_signal_flags()[index] = 1;
}
// Crash safety. The terminal's modes are saved before curses changes them; on a fatal signal
// (a Swift trap is SIGILL or SIGTRAP) the handler puts them back and leaves the alternate
// screen with async-signal-safe calls only (tcsetattr, write), then dies of the same signal.
// As with the flags above, only CursesTerminal.swift may call cn_crash_restore_install.
#include <termios.h>
#include <unistd.h>
#include <string.h>

static inline struct termios *cn_saved_termios(void) {
    static struct termios saved;
    return &saved;
}

static inline volatile sig_atomic_t *cn_termios_is_saved(void) {
    static volatile sig_atomic_t saved;
    return &saved;
}

static inline void cn_crash_handler(int sig) {
    if (*cn_termios_is_saved()) tcsetattr(STDIN_FILENO, TCSANOW, cn_saved_termios());
    static const char reset[] = "\033[?2004l\033[0m\033[?25h\033[?1049l\r\n";
    ssize_t ignored = write(STDOUT_FILENO, reset, sizeof reset - 1);
    (void)ignored;
    signal(sig, SIG_DFL);
    raise(sig);
}

static inline int cn_crash_restore_install(void) {
    if (tcgetattr(STDIN_FILENO, cn_saved_termios()) == 0) *cn_termios_is_saved() = 1;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = cn_crash_handler;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESETHAND | SA_NODEFER;
    const int fatal[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP};
    int rc = 0;
    for (unsigned i = 0; i < sizeof fatal / sizeof fatal[0]; i++) rc |= sigaction(fatal[i], &sa, NULL);
    return rc;
}

#endif
