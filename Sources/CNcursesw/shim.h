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

// A terminfo string capability of the current terminal, or NULL when it has none (tigetstr
// answers (char *)-1 for a name that is not a string capability).
static inline const char *cn_string_cap(const char *name) {
    char *value = tigetstr(name);
    return (value == NULL || value == (char *)-1 || *value == 0) ? NULL : value;
}

// Signal handling and crash-time restoration live in Sources/CTerminalSignals, a C file of
// their own: a static variable in this header would exist once per object file.

#endif
