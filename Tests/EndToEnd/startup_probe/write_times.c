// LD_PRELOAD library: notes when the program's own code starts (this library's constructor runs
// after the dynamic loader has loaded and relocated everything, just before the program's
// initialisers and main) and when each write(2) to the terminal (fd 1) happens, in ms since
// FLEXPRICE_PROBE_T0 (set by launch.c just before exec). The list goes to FLEXPRICE_PROBE_OUT
// at exit. Writes libc makes internally (stdio flushes) are not seen: dialog's frame is.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

enum { capacity = 4096 };
static long long start_ns, loaded_ns;
static long long write_ns[capacity];
static long write_bytes[capacity];
static int writes;

static long long now_ns(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (long long)now.tv_sec * 1000000000LL + now.tv_nsec;
}

__attribute__((constructor)) static void loaded(void) {
    loaded_ns = now_ns();
    const char *start = getenv("FLEXPRICE_PROBE_T0");
    start_ns = start ? atoll(start) : loaded_ns;
}

ssize_t write(int fd, const void *buffer, size_t count) {
    static ssize_t (*real_write)(int, const void *, size_t);
    if (!real_write) real_write = (ssize_t (*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
    if (fd == 1) {
        int slot = __atomic_fetch_add(&writes, 1, __ATOMIC_RELAXED);
        if (slot < capacity) {
            write_ns[slot] = now_ns();
            write_bytes[slot] = (long)count;
        }
    }
    return real_write(fd, buffer, count);
}

__attribute__((destructor)) static void report(void) {
    const char *path = getenv("FLEXPRICE_PROBE_OUT");
    FILE *out = path ? fopen(path, "w") : NULL;
    if (!out) return;
    fprintf(out, "loaded %.3f\n", (loaded_ns - start_ns) / 1e6);
    int count = writes < capacity ? writes : capacity;
    for (int i = 0; i < count; i++) fprintf(out, "write %.3f %ld\n", (write_ns[i] - start_ns) / 1e6, write_bytes[i]);
    fclose(out);
}
