#include "CCurl.h"
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

CURLcode scrape_easy_setopt_long(CURL *easy, CURLoption option, long value) {
    return curl_easy_setopt(easy, option, value);
}

CURLcode scrape_easy_setopt_string(CURL *easy, CURLoption option, const char *value) {
    return curl_easy_setopt(easy, option, value);
}

CURLcode scrape_easy_setopt_pointer(CURL *easy, CURLoption option, void *value) {
    return curl_easy_setopt(easy, option, value);
}

CURLcode scrape_easy_setopt_data_callback(CURL *easy, CURLoption option, scrape_curl_data_callback callback) {
    return curl_easy_setopt(easy, option, callback);
}

CURLcode scrape_easy_setopt_progress_callback(CURL *easy, curl_xferinfo_callback callback) {
    return curl_easy_setopt(easy, CURLOPT_XFERINFOFUNCTION, callback);
}

CURLcode scrape_easy_setopt_prereq_callback(CURL *easy, curl_prereq_callback callback) {
    return curl_easy_setopt(easy, CURLOPT_PREREQFUNCTION, callback);
}

CURLcode scrape_easy_getinfo_long(CURL *easy, CURLINFO info, long *value) {
    return curl_easy_getinfo(easy, info, value);
}

CURLcode scrape_easy_getinfo_string(CURL *easy, CURLINFO info, const char **value) {
    return curl_easy_getinfo(easy, info, value);
}

CURLcode scrape_easy_getinfo_pointer(CURL *easy, CURLINFO info, void **value) {
    return curl_easy_getinfo(easy, info, value);
}

CURLcode scrape_easy_getinfo_off(CURL *easy, CURLINFO info, curl_off_t *value) {
    return curl_easy_getinfo(easy, info, value);
}

CURLMcode scrape_multi_setopt_long(CURLM *multi, CURLMoption option, long value) {
    return curl_multi_setopt(multi, option, value);
}

CURL *scrape_multi_msg_easy(const CURLMsg *message) {
    return message->easy_handle;
}

int scrape_multi_msg_is_done(const CURLMsg *message) {
    return message->msg == CURLMSG_DONE;
}

CURLcode scrape_multi_msg_result(const CURLMsg *message) {
    return message->data.result;
}

struct scrape_share {
    CURLSH *handle;
    pthread_mutex_t locks[CURL_LOCK_DATA_LAST];
};

static void scrape_share_lock(CURL *easy, curl_lock_data data, curl_lock_access access, void *context) {
    (void)easy;
    (void)access;
    pthread_mutex_lock(&((scrape_share *)context)->locks[data]);
}

static void scrape_share_unlock(CURL *easy, curl_lock_data data, void *context) {
    (void)easy;
    pthread_mutex_unlock(&((scrape_share *)context)->locks[data]);
}

scrape_share *scrape_share_new(int cookies, int dns, int tls_sessions) {
    scrape_share *share = calloc(1, sizeof(scrape_share));
    if (share == NULL) return NULL;
    share->handle = curl_share_init();
    if (share->handle == NULL) {
        free(share);
        return NULL;
    }
    for (int data = 0; data < CURL_LOCK_DATA_LAST; data++) pthread_mutex_init(&share->locks[data], NULL);
    curl_share_setopt(share->handle, CURLSHOPT_USERDATA, share);
    curl_share_setopt(share->handle, CURLSHOPT_LOCKFUNC, scrape_share_lock);
    curl_share_setopt(share->handle, CURLSHOPT_UNLOCKFUNC, scrape_share_unlock);
    if (cookies) curl_share_setopt(share->handle, CURLSHOPT_SHARE, CURL_LOCK_DATA_COOKIE);
    if (dns) curl_share_setopt(share->handle, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
    if (tls_sessions) curl_share_setopt(share->handle, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
    return share;
}

CURLSH *scrape_share_handle(scrape_share *share) {
    return share->handle;
}

void scrape_share_free(scrape_share *share) {
    curl_share_cleanup(share->handle);
    for (int data = 0; data < CURL_LOCK_DATA_LAST; data++) pthread_mutex_destroy(&share->locks[data]);
    free(share);
}

struct scrape_trust_store {
    pthread_mutex_t lock;
    int loaded;
    X509_STORE *store;
    char *ca_file;
    char *ca_path;
};

scrape_trust_store *scrape_trust_store_new(const char *ca_file, const char *ca_path) {
    scrape_trust_store *trust = calloc(1, sizeof(scrape_trust_store));
    if (trust == NULL) return NULL;
    pthread_mutex_init(&trust->lock, NULL);
    trust->ca_file = ca_file ? strdup(ca_file) : NULL;
    trust->ca_path = ca_path ? strdup(ca_path) : NULL;
    return trust;
}

void scrape_trust_store_free(scrape_trust_store *trust) {
    X509_STORE_free(trust->store);
    free(trust->ca_file);
    free(trust->ca_path);
    pthread_mutex_destroy(&trust->lock);
    free(trust);
}

/* The store, read on first use, so that a run that never speaks TLS never parses the bundle;
 * NULL when not one certificate could be read. */
static X509_STORE *scrape_trust_store_get(scrape_trust_store *trust) {
    pthread_mutex_lock(&trust->lock);
    if (!trust->loaded) {
        trust->loaded = 1;
        X509_STORE *store = X509_STORE_new();
        int read = 0;
        if (store != NULL && trust->ca_file != NULL) read |= X509_STORE_load_file(store, trust->ca_file) == 1;
        if (store != NULL && trust->ca_path != NULL) read |= X509_STORE_load_path(store, trust->ca_path) == 1;
        if (read) {
            trust->store = store;
        } else {
            X509_STORE_free(store);
        }
    }
    pthread_mutex_unlock(&trust->lock);
    return trust->store;
}

/* libcurl calls this once it has set up a connection's SSL_CTX, before the handshake. */
static CURLcode scrape_use_store(CURL *easy, void *ssl_ctx, void *context) {
    (void)easy;
    X509_STORE *store = scrape_trust_store_get(context);
    if (store == NULL) return CURLE_SSL_CACERT_BADFILE;
    SSL_CTX_set1_cert_store((SSL_CTX *)ssl_ctx, store);
    return CURLE_OK;
}

CURLcode scrape_easy_use_trust_store(CURL *easy, scrape_trust_store *trust) {
    curl_easy_setopt(easy, CURLOPT_CAINFO, (char *)NULL);
    curl_easy_setopt(easy, CURLOPT_CAPATH, (char *)NULL);
    curl_easy_setopt(easy, CURLOPT_SSL_CTX_DATA, trust);
    return curl_easy_setopt(easy, CURLOPT_SSL_CTX_FUNCTION, scrape_use_store);
}
