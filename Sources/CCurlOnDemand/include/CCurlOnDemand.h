// Loads libcurl on first use instead of at program start. See CurlOnDemand.c for why.
#ifndef FLEXPRICE_CCURLONDEMAND_H
#define FLEXPRICE_CCURLONDEMAND_H

#include <stddef.h>

/// Loads libcurl now if it is not loaded yet. Returns 1 when it is usable; otherwise 0, with
/// the loader's reason copied into `reason` (at most `capacity` bytes, NUL-terminated).
int flexprice_curl_load(char *reason, size_t capacity);

/// 1 once libcurl has been loaded (by flexprice_curl_load or by a first curl call); 0 before.
int flexprice_curl_is_loaded(void);

#endif
