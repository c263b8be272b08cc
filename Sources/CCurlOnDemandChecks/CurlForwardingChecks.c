// Exercises CCurlOnDemand's forwarding functions without touching the network. The calls
// resolve to CCurlOnDemand's definitions (the test binary defines them), so each check goes
// through the on-demand loading and, for the variadic setters, through the argument forwarding
// of each option type: long, object pointer, function pointer and curl_off_t.
//
// Option numbers are libcurl's ABI (curl.h: CURLOPT(name, type, number) = type + number), written
// out so that this builds without the curl headers.
#include "CCurlOnDemandChecks.h"

#ifdef __linux__
#include <stdio.h>
#include <string.h>

void *curl_easy_init(void);
void curl_easy_cleanup(void *);
int curl_easy_setopt(void *, int, ...);
int curl_easy_getinfo(void *, int, ...);
const char *curl_easy_strerror(int);
void *curl_multi_init(void);
int curl_multi_setopt(void *, int, ...);
int curl_multi_add_handle(void *, void *);
int curl_multi_remove_handle(void *, void *);
int curl_multi_cleanup(void *);
void *curl_slist_append(void *, const char *);
void curl_slist_free_all(void *);
void *curl_url(void);
int curl_url_set(void *, int, const char *, unsigned int);
int curl_url_get(const void *, int, char **, unsigned int);
void curl_free(void *);
char *curl_version(void);

enum {
    option_url = 10000 + 2,                 // CURLOPT_URL (string)
    option_timeout = 13,                    // CURLOPT_TIMEOUT (long)
    option_private = 10000 + 103,           // CURLOPT_PRIVATE (object pointer)
    option_write_function = 20000 + 11,     // CURLOPT_WRITEFUNCTION (function pointer)
    option_max_file_size = 30000 + 117,     // CURLOPT_MAXFILESIZE_LARGE (curl_off_t)
    info_effective_url = 0x100000 + 1,      // CURLINFO_EFFECTIVE_URL
    info_private = 0x100000 + 21,           // CURLINFO_PRIVATE
    multi_max_connects = 6,                 // CURLMOPT_MAXCONNECTS (long)
    multi_socket_function = 20000 + 1,      // CURLMOPT_SOCKETFUNCTION (function pointer)
    url_part_url = 0,                       // CURLUPART_URL
    url_part_host = 5,                      // CURLUPART_HOST
};

static size_t ignore_body(char *data, size_t size, size_t count, void *context) {
    (void)data; (void)context;
    return size * count;
}

static int ignore_socket(void *easy, int socket, int what, void *context, void *socket_context) {
    (void)easy; (void)socket; (void)what; (void)context; (void)socket_context;
    return 0;
}

#define CHECK(number, condition, description)                                                      \
    do {                                                                                            \
        if (!(condition)) {                                                                         \
            if (failure && capacity) snprintf(failure, capacity, "%s", description);                \
            return number;                                                                          \
        }                                                                                           \
    } while (0)

int flexprice_curl_forwarding_check(char *failure, size_t capacity) {
    const char *address = "http://forwarding.invalid:8080/v1/customers";
    static int marker;

    CHECK(1, curl_version() && strstr(curl_version(), "libcurl"), "curl_version names libcurl");
    CHECK(2, strcmp(curl_easy_strerror(0), "No error") == 0, "curl_easy_strerror(CURLE_OK)");

    void *easy = curl_easy_init();
    CHECK(3, easy != NULL, "curl_easy_init");
    CHECK(4, curl_easy_setopt(easy, option_url, address) == 0, "setopt with a string");
    CHECK(5, curl_easy_setopt(easy, option_timeout, 7L) == 0, "setopt with a long");
    CHECK(6, curl_easy_setopt(easy, option_private, (void *)&marker) == 0, "setopt with a pointer");
    CHECK(7, curl_easy_setopt(easy, option_write_function, ignore_body) == 0, "setopt with a function");
    CHECK(8, curl_easy_setopt(easy, option_max_file_size, (long long)1 << 40) == 0, "setopt with a curl_off_t");
    // A negative long is refused: proves the value, not just the call, reached libcurl.
    CHECK(9, curl_easy_setopt(easy, option_timeout, -1L) != 0, "setopt forwards the long's value");
    char *effective = NULL;
    CHECK(10, curl_easy_getinfo(easy, info_effective_url, &effective) == 0 && effective
                  && strcmp(effective, address) == 0, "getinfo returns the URL that was set");
    void *stored = NULL;
    CHECK(11, curl_easy_getinfo(easy, info_private, &stored) == 0 && stored == &marker,
          "getinfo returns the pointer that was set");

    void *multi = curl_multi_init();
    CHECK(12, multi != NULL, "curl_multi_init");
    CHECK(13, curl_multi_setopt(multi, multi_max_connects, 3L) == 0, "multi setopt with a long");
    CHECK(14, curl_multi_setopt(multi, multi_socket_function, ignore_socket) == 0, "multi setopt with a function");
    CHECK(15, curl_multi_add_handle(multi, easy) == 0, "curl_multi_add_handle");
    CHECK(16, curl_multi_remove_handle(multi, easy) == 0, "curl_multi_remove_handle");
    CHECK(17, curl_multi_cleanup(multi) == 0, "curl_multi_cleanup");
    curl_easy_cleanup(easy);

    void *headers = curl_slist_append(NULL, "Accept: application/json");
    CHECK(18, headers != NULL, "curl_slist_append");
    curl_slist_free_all(headers);

    void *url = curl_url();
    CHECK(19, url != NULL, "curl_url");
    CHECK(20, curl_url_set(url, url_part_url, address, 0) == 0, "curl_url_set");
    char *host = NULL;
    CHECK(21, curl_url_get(url, url_part_host, &host, 0) == 0 && host && strcmp(host, "forwarding.invalid") == 0,
          "curl_url_get returns the host");
    curl_free(host);
    return 0;
}

#else
int flexprice_curl_forwarding_check(char *failure, size_t capacity) {
    (void)failure; (void)capacity;
    return 0;
}
#endif
