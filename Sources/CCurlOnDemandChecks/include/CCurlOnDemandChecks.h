// Test support: calls every kind of function CCurlOnDemand forwards, as FoundationNetworking
// does, and checks what comes back. Only RemoteAPITests links this.
#ifndef FLEXPRICE_CCURLONDEMANDCHECKS_H
#define FLEXPRICE_CCURLONDEMANDCHECKS_H

#include <stddef.h>

/// 0 when every forwarded call behaved as libcurl documents; otherwise the number of the first
/// check that failed, with a description of it in `failure`.
int flexprice_curl_forwarding_check(char *failure, size_t capacity);

#endif
