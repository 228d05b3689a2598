#ifndef __linux__
#error "scrape's fetch loop waits on epoll and eventfd, which only Linux has"
#endif

#include "CCurl.h"
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

enum { scrape_events_capacity = 256 };

struct scrape_events {
    CURLM *multi;
    int epoll;
    int wakeup;
    /* When libcurl's timer is due, in CLOCK_MONOTONIC milliseconds; -1 when it has none. */
    int64_t timer_due;
    int ready_count;
    /* The ready socket libcurl is acting on; -1 outside scrape_events_act. */
    int acting;
    struct epoll_event ready[scrape_events_capacity];
};

static int64_t scrape_now_ms(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (int64_t)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

/* libcurl tells which sockets it waits on, and for what: the epoll set follows. */
static int scrape_events_socket(CURL *easy, curl_socket_t socket, int what, void *context, void *socket_context) {
    (void)easy;
    (void)socket_context;
    scrape_events *events = context;
    if (what == CURL_POLL_REMOVE) {
        epoll_ctl(events->epoll, EPOLL_CTL_DEL, socket, NULL);
        /* libcurl closes it next, and a connection opened later in this pass may get the same
         * number: the readiness reported for the old socket must not reach the new one. */
        for (int index = events->acting + 1; index < events->ready_count; index++) {
            if (events->ready[index].data.fd == socket) events->ready[index].data.fd = -1;
        }
        return 0;
    }
    struct epoll_event event = {0};
    event.data.fd = socket;
    if (what & CURL_POLL_IN) event.events |= EPOLLIN;
    if (what & CURL_POLL_OUT) event.events |= EPOLLOUT;
    if (epoll_ctl(events->epoll, EPOLL_CTL_MOD, socket, &event) != 0 && errno == ENOENT) {
        epoll_ctl(events->epoll, EPOLL_CTL_ADD, socket, &event);
    }
    return 0;
}

static int scrape_events_timer(CURLM *multi, long timeout_ms, void *context) {
    (void)multi;
    scrape_events *events = context;
    /* Rounded up: libcurl's milliseconds and ours are both truncated, and a timer run before
     * libcurl counts it expired does nothing, so the loop would spin until it did. */
    events->timer_due = timeout_ms < 0 ? -1 : scrape_now_ms() + timeout_ms + (timeout_ms > 0);
    return 0;
}

scrape_events *scrape_events_new(CURLM *multi) {
    scrape_events *events = calloc(1, sizeof(scrape_events));
    if (events == NULL) return NULL;
    events->multi = multi;
    events->timer_due = -1;
    events->acting = -1;
    events->epoll = epoll_create1(EPOLL_CLOEXEC);
    events->wakeup = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    struct epoll_event wakeup = {.events = EPOLLIN, .data.fd = events->wakeup};
    if (events->epoll < 0 || events->wakeup < 0 || epoll_ctl(events->epoll, EPOLL_CTL_ADD, events->wakeup, &wakeup) != 0) {
        scrape_events_free(events);
        return NULL;
    }
    curl_multi_setopt(multi, CURLMOPT_SOCKETFUNCTION, scrape_events_socket);
    curl_multi_setopt(multi, CURLMOPT_SOCKETDATA, events);
    curl_multi_setopt(multi, CURLMOPT_TIMERFUNCTION, scrape_events_timer);
    curl_multi_setopt(multi, CURLMOPT_TIMERDATA, events);
    return events;
}

void scrape_events_free(scrape_events *events) {
    if (events->epoll >= 0) close(events->epoll);
    if (events->wakeup >= 0) close(events->wakeup);
    free(events);
}

int scrape_events_wait(scrape_events *events, int max_ms) {
    int timeout = max_ms;
    if (events->timer_due >= 0) {
        int64_t until = events->timer_due - scrape_now_ms();
        if (until < 0) until = 0;
        if (timeout < 0 || until < timeout) timeout = (int)until;
    }
    int count = epoll_wait(events->epoll, events->ready, scrape_events_capacity, timeout);
    int sockets = 0;
    for (int index = 0; index < count; index++) {
        if (events->ready[index].data.fd == events->wakeup) {
            uint64_t value;
            (void)read(events->wakeup, &value, sizeof value);
        } else {
            events->ready[sockets++] = events->ready[index];
        }
    }
    events->ready_count = sockets;
    return sockets;
}

void scrape_events_act(scrape_events *events, int index) {
    if (index < 0 || index >= events->ready_count || events->ready[index].data.fd < 0) return;
    uint32_t ready = events->ready[index].events;
    int mask = 0;
    /* An error or hang-up is reported as readiness, as libcurl's own poll loop reports it: the
     * read or write that follows gives the real error (CURL_CSELECT_ERR alone would be reported
     * as a failed send, whatever the cause). */
    if (ready & (EPOLLIN | EPOLLHUP | EPOLLERR)) mask |= CURL_CSELECT_IN;
    if (ready & (EPOLLOUT | EPOLLERR)) mask |= CURL_CSELECT_OUT;
    int running = 0;
    events->acting = index;
    curl_multi_socket_action(events->multi, events->ready[index].data.fd, mask, &running);
    events->acting = -1;
}

/* libcurl calls the timer callback only when its earliest timer changes, so after a run the due
 * time is asked of it directly: left as it was, a timer run a fraction of a millisecond early
 * (before libcurl counts it expired) would keep the loop polling without a wait. */
void scrape_events_run_timers(scrape_events *events) {
    if (events->timer_due < 0 || events->timer_due > scrape_now_ms()) return;
    int running = 0;
    curl_multi_socket_action(events->multi, CURL_SOCKET_TIMEOUT, 0, &running);
    long timeout_ms = -1;
    curl_multi_timeout(events->multi, &timeout_ms);
    scrape_events_timer(events->multi, timeout_ms, events);
}

void scrape_events_wakeup(scrape_events *events) {
    uint64_t one = 1;
    (void)write(events->wakeup, &one, sizeof one);
}
