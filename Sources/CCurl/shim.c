#include "CCurl.h"
#include <pthread.h>
#include <stdlib.h>

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

scrape_share *scrape_share_new(int cookies, int dns, int tls_sessions, int connections) {
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
    if (connections) curl_share_setopt(share->handle, CURLSHOPT_SHARE, CURL_LOCK_DATA_CONNECT);
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
