// Records CLOCK_MONOTONIC in FLEXPRICE_PROBE_T0, then execs the program: the zero point for
// the times write_times.c reports.
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: launch PROGRAM [ARG...]\n");
        return 2;
    }
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    char text[32];
    snprintf(text, sizeof text, "%lld", (long long)now.tv_sec * 1000000000LL + now.tv_nsec);
    setenv("FLEXPRICE_PROBE_T0", text, 1);
    execvp(argv[1], argv + 1);
    perror("exec");
    return 127;
}
