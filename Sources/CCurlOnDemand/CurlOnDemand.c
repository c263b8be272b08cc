// libcurl, loaded the first time FoundationNetworking calls into it.
//
// Why: in the statically linked console, FoundationNetworking (URLSession) links libcurl, and
// libcurl pulls in 29 more shared libraries (TLS, Kerberos, LDAP, SSH, IDN...). Loading and
// relocating them, and running their initialisers, cost the console about 3 ms at every start,
// more than dialog needs to draw its whole first screen, although the embedded store (the
// default backend) never touches the network. This file defines every curl function
// FoundationNetworking calls, and asks for --as-needed linking (at the end of this file), so
// libcurl drops out of the program's start-up list and is dlopen()ed when the remote backend
// first needs it (HTTPTransport calls flexprice_curl_load first, so a missing library becomes
// a clear error instead of a crash). In builds with a shared FoundationNetworking (`swift build`
// without --static-swift-stdlib), that library loads libcurl itself and these functions only
// forward to it.
//
// The forwarding is exact: each function has libcurl's C signature (only opaque pointers, ints,
// longs and curl_off_t cross it), and the three variadic setters/getters forward the single
// argument with the type libcurl's option number encodes (curl.h's CURLOPTTYPE_* and CURLINFO_*
// ranges), which is how libcurl itself reads it.

#include "CCurlOnDemand.h"

#ifdef __linux__ // elsewhere URLSession does not use libcurl, and nothing here is compiled
#include <dlfcn.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef long long curl_off_value; // curl_off_t on every 64-bit Linux
typedef void (*curl_callback)(void);

// libcurl's option number ranges (curl.h: CURLOPTTYPE_LONG, _OBJECTPOINT, _FUNCTIONPOINT, _OFF_T,
// _BLOB). curl_multi_setopt's CURLMoption uses the same ranges.
enum { option_objectpoint = 10000, option_functionpoint = 20000, option_off_t = 30000, option_blob = 40000 };

static struct {
    void *(*easy_init)(void);
    void (*easy_cleanup)(void *);
    int (*easy_getinfo)(void *, int, ...);
    int (*easy_pause)(void *, int);
    int (*easy_setopt)(void *, int, ...);
    const char *(*easy_strerror)(int);
    void (*free)(void *);
    int (*global_init)(long);
    int (*multi_add_handle)(void *, void *);
    int (*multi_assign)(void *, int, void *);
    int (*multi_cleanup)(void *);
    void *(*multi_info_read)(void *, int *);
    void *(*multi_init)(void);
    int (*multi_remove_handle)(void *, void *);
    int (*multi_setopt)(void *, int, ...);
    int (*multi_socket_action)(void *, int, int, int *);
    void *(*slist_append)(void *, const char *);
    void (*slist_free_all)(void *);
    void *(*url)(void);
    int (*url_get)(const void *, int, char **, unsigned int);
    int (*url_set)(void *, int, const char *, unsigned int);
    char *(*version)(void);
    void *(*version_info)(int);
} curl;

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static int loaded;
static char load_failure[512];

#define RESOLVE(field, symbol)                                                                      \
    do {                                                                                            \
        *(void **)&curl.field = dlsym(library, symbol);                                             \
        if (!curl.field) {                                                                          \
            snprintf(load_failure, sizeof load_failure, "libcurl.so.4 has no %s", symbol);          \
            return;                                                                                 \
        }                                                                                           \
    } while (0)

static void load_library(void) {
    // RTLD_LOCAL: libcurl's own symbols stay out of the global scope, so nothing else binds to them.
    void *library = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        const char *why = dlerror();
        snprintf(load_failure, sizeof load_failure, "%s", why ? why : "libcurl.so.4 could not be loaded");
        return;
    }
    RESOLVE(easy_init, "curl_easy_init");
    RESOLVE(easy_cleanup, "curl_easy_cleanup");
    RESOLVE(easy_getinfo, "curl_easy_getinfo");
    RESOLVE(easy_pause, "curl_easy_pause");
    RESOLVE(easy_setopt, "curl_easy_setopt");
    RESOLVE(easy_strerror, "curl_easy_strerror");
    RESOLVE(free, "curl_free");
    RESOLVE(global_init, "curl_global_init");
    RESOLVE(multi_add_handle, "curl_multi_add_handle");
    RESOLVE(multi_assign, "curl_multi_assign");
    RESOLVE(multi_cleanup, "curl_multi_cleanup");
    RESOLVE(multi_info_read, "curl_multi_info_read");
    RESOLVE(multi_init, "curl_multi_init");
    RESOLVE(multi_remove_handle, "curl_multi_remove_handle");
    RESOLVE(multi_setopt, "curl_multi_setopt");
    RESOLVE(multi_socket_action, "curl_multi_socket_action");
    RESOLVE(slist_append, "curl_slist_append");
    RESOLVE(slist_free_all, "curl_slist_free_all");
    RESOLVE(url, "curl_url");
    RESOLVE(url_get, "curl_url_get");
    RESOLVE(url_set, "curl_url_set");
    RESOLVE(version, "curl_version");
    RESOLVE(version_info, "curl_version_info");
    __atomic_store_n(&loaded, 1, __ATOMIC_RELEASE);
}

int flexprice_curl_load(char *reason, size_t capacity) {
    pthread_once(&load_once, load_library);
    if (__atomic_load_n(&loaded, __ATOMIC_ACQUIRE)) return 1;
    if (reason && capacity) snprintf(reason, capacity, "%s", load_failure);
    return 0;
}

int flexprice_curl_is_loaded(void) { return __atomic_load_n(&loaded, __ATOMIC_ACQUIRE); }

// Every entry point goes through here. The remote backend checks flexprice_curl_load before it
// makes a URLSession, so reaching the abort means a caller skipped that check: say why and stop,
// rather than crash later on a null function.
static void require_library(void) {
    if (flexprice_curl_load(NULL, 0)) return;
    fprintf(stderr, "flexprice-console: the network library could not be loaded: %s\n", load_failure);
    abort();
}

void *curl_easy_init(void) { require_library(); return curl.easy_init(); }
void curl_easy_cleanup(void *handle) { require_library(); curl.easy_cleanup(handle); }
int curl_easy_pause(void *handle, int bitmask) { require_library(); return curl.easy_pause(handle, bitmask); }
const char *curl_easy_strerror(int code) { require_library(); return curl.easy_strerror(code); }
void curl_free(void *pointer) { require_library(); curl.free(pointer); }
int curl_global_init(long flags) { require_library(); return curl.global_init(flags); }
int curl_multi_add_handle(void *multi, void *easy) { require_library(); return curl.multi_add_handle(multi, easy); }
int curl_multi_assign(void *multi, int socket, void *pointer) {
    require_library();
    return curl.multi_assign(multi, socket, pointer);
}
int curl_multi_cleanup(void *multi) { require_library(); return curl.multi_cleanup(multi); }
void *curl_multi_info_read(void *multi, int *queued) { require_library(); return curl.multi_info_read(multi, queued); }
void *curl_multi_init(void) { require_library(); return curl.multi_init(); }
int curl_multi_remove_handle(void *multi, void *easy) {
    require_library();
    return curl.multi_remove_handle(multi, easy);
}
int curl_multi_socket_action(void *multi, int socket, int events, int *running) {
    require_library();
    return curl.multi_socket_action(multi, socket, events, running);
}
void *curl_slist_append(void *list, const char *text) { require_library(); return curl.slist_append(list, text); }
void curl_slist_free_all(void *list) { require_library(); curl.slist_free_all(list); }
void *curl_url(void) { require_library(); return curl.url(); }
int curl_url_get(const void *url, int part, char **value, unsigned int flags) {
    require_library();
    return curl.url_get(url, part, value, flags);
}
int curl_url_set(void *url, int part, const char *value, unsigned int flags) {
    require_library();
    return curl.url_set(url, part, value, flags);
}
char *curl_version(void) { require_library(); return curl.version(); }
void *curl_version_info(int age) { require_library(); return curl.version_info(age); }

// curl_easy_getinfo's one variadic argument is always a pointer to the result, whatever its type.
int curl_easy_getinfo(void *handle, int info, ...) {
    require_library();
    va_list arguments;
    va_start(arguments, info);
    void *result = va_arg(arguments, void *);
    va_end(arguments);
    return curl.easy_getinfo(handle, info, result);
}

// The setters read their one variadic argument as the option's range says, exactly as libcurl does.
#define FORWARD_OPTION(call, handle, option, arguments)                                             \
    do {                                                                                            \
        if ((option) < option_objectpoint) {                                                        \
            long value = va_arg(arguments, long);                                                   \
            code = call(handle, option, value);                                                     \
        } else if ((option) < option_functionpoint || (option) >= option_blob) {                    \
            void *value = va_arg(arguments, void *);                                                \
            code = call(handle, option, value);                                                     \
        } else if ((option) < option_off_t) {                                                       \
            curl_callback value = va_arg(arguments, curl_callback);                                 \
            code = call(handle, option, value);                                                     \
        } else {                                                                                    \
            curl_off_value value = va_arg(arguments, curl_off_value);                               \
            code = call(handle, option, value);                                                     \
        }                                                                                           \
    } while (0)

int curl_easy_setopt(void *handle, int option, ...) {
    require_library();
    int code;
    va_list arguments;
    va_start(arguments, option);
    FORWARD_OPTION(curl.easy_setopt, handle, option, arguments);
    va_end(arguments);
    return code;
}

int curl_multi_setopt(void *multi, int option, ...) {
    require_library();
    int code;
    va_list arguments;
    va_start(arguments, option);
    FORWARD_OPTION(curl.multi_setopt, multi, option, arguments);
    va_end(arguments);
    return code;
}

// The linker must be told to leave out libcurl now that nothing refers to it. Swift's driver
// collects ".swift1_autolink_entries" strings from every object into a response file that it
// places before the libraries it links (FoundationNetworking's "-lcurl" among them), while
// SwiftPM's linkerSettings land after them, too late for a positional flag like this one.
// With --as-needed, a shared library is recorded only if the program uses one of its symbols.
__attribute__((used, section(".swift1_autolink_entries"))) static const char link_only_used_libraries[] =
    "-Wl,--as-needed";

#endif // __linux__
