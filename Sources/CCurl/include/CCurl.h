#ifndef SCRAPE_CCURL_H
#define SCRAPE_CCURL_H

#include <curl/curl.h>

/* libcurl's option and info setters are C variadic functions, which Swift cannot call.
 * These wrappers give each argument type its own typed entry point. */

typedef size_t (*scrape_curl_data_callback)(char *data, size_t size, size_t count, void *context);

CURLcode scrape_easy_setopt_long(CURL *easy, CURLoption option, long value);
CURLcode scrape_easy_setopt_string(CURL *easy, CURLoption option, const char *value);
CURLcode scrape_easy_setopt_pointer(CURL *easy, CURLoption option, void *value);
CURLcode scrape_easy_setopt_data_callback(CURL *easy, CURLoption option, scrape_curl_data_callback callback);

CURLcode scrape_easy_setopt_progress_callback(CURL *easy, curl_xferinfo_callback callback);
CURLcode scrape_easy_setopt_prereq_callback(CURL *easy, curl_prereq_callback callback);

CURLcode scrape_easy_getinfo_long(CURL *easy, CURLINFO info, long *value);
CURLcode scrape_easy_getinfo_string(CURL *easy, CURLINFO info, const char **value);
CURLcode scrape_easy_getinfo_pointer(CURL *easy, CURLINFO info, void **value);
CURLcode scrape_easy_getinfo_off(CURL *easy, CURLINFO info, curl_off_t *value);

CURLMcode scrape_multi_setopt_long(CURLM *multi, CURLMoption option, long value);

/* A share handle whose data may be used from several threads: each kind of shared data has a
 * mutex of its own, as libcurl asks of lock callbacks. Returns NULL when out of memory. */
typedef struct scrape_share scrape_share;
scrape_share *scrape_share_new(int cookies, int dns, int tls_sessions);
CURLSH *scrape_share_handle(scrape_share *share);
void scrape_share_free(scrape_share *share);

/* CURLMsg holds a union; these read the two members a multi loop needs. */
CURL *scrape_multi_msg_easy(const CURLMsg *message);
int scrape_multi_msg_is_done(const CURLMsg *message);
CURLcode scrape_multi_msg_result(const CURLMsg *message);

/* A multi handle driven through libcurl's socket interface, on an epoll set of its own (Linux
 * only, as the rest of the project's system layer is tested only there): the
 * caller learns which sockets are ready and lets libcurl act on them one at a time, so that it
 * can see each finished transfer, and start the next, before the next socket is read.
 * (curl_multi_perform reads every ready socket in one call, so transfers that finish together
 * are refilled together, and stay in step.) Driven by one thread; scrape_events_wakeup may be
 * called from any. */
typedef struct scrape_events scrape_events;
/* Takes over the multi's socket and timer callbacks; NULL when no epoll set could be made. */
scrape_events *scrape_events_new(CURLM *multi);
void scrape_events_free(scrape_events *events);
/* Sleeps until a socket is ready, libcurl's timer is due, a wakeup, or max_ms pass (no limit
 * when negative); returns how many sockets are ready. */
int scrape_events_wait(scrape_events *events, int max_ms);
/* Lets libcurl read or write the index-th ready socket of the last wait. */
void scrape_events_act(scrape_events *events, int index);
/* Lets libcurl run what its timer holds, once it is due: newly added transfers start there. */
void scrape_events_run_timers(scrape_events *events);
void scrape_events_wakeup(scrape_events *events);

/* One parsed set of trusted CA certificates (an OpenSSL X509_STORE) for every TLS connection of
 * a run, on any thread: libcurl 7.88 keeps a parsed store per handle at best, so each thread
 * would parse the whole bundle again. Read when the first TLS connection needs it; a connection
 * then fails with CURLE_SSL_CACERT_BADFILE if no certificate could be read. */
typedef struct scrape_trust_store scrape_trust_store;
scrape_trust_store *scrape_trust_store_new(const char *ca_file, const char *ca_path);
void scrape_trust_store_free(scrape_trust_store *store);
/* Makes `easy` verify peers against `store` instead of loading CA files itself. */
CURLcode scrape_easy_use_trust_store(CURL *easy, scrape_trust_store *store);

#endif
