/* The ceiling for the throughput benchmark: libxml2's own HTML SAX speed over the same pages,
 * with nothing else (no network, no decoding, no output). Pages are read into memory first and
 * parsed ROUNDS times by THREADS threads with the push parser in 16 KiB chunks, counting start tags.
 *
 *   sax_ceiling THREADS ROUNDS FILE...   prints {"threads":..,"pages":..,"bytes":..,"seconds":..}
 */
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

typedef struct { char *data; size_t size; } page;

static page *pages;
static int page_count, rounds;
static atomic_int next_item;
static atomic_long start_tags;

static void count_start(void *context, const xmlChar *name, const xmlChar **attributes) {
    (void)context; (void)name; (void)attributes;
    atomic_fetch_add_explicit(&start_tags, 1, memory_order_relaxed);
}

static void quiet(void *context, const char *message, ...) { (void)context; (void)message; }

static void *worker(void *unused) {
    (void)unused;
    xmlSetGenericErrorFunc(NULL, quiet);
    htmlSAXHandler sax = {0};
    sax.startElement = count_start;
    for (;;) {
        int item = atomic_fetch_add(&next_item, 1);
        if (item >= page_count * rounds) break;
        page *p = &pages[item % page_count];
        htmlParserCtxtPtr parser = htmlCreatePushParserCtxt(&sax, NULL, NULL, 0, NULL, XML_CHAR_ENCODING_UTF8);
        htmlCtxtUseOptions(parser, HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
        for (size_t offset = 0; offset < p->size; offset += 16384) {
            size_t chunk = p->size - offset < 16384 ? p->size - offset : 16384;
            htmlParseChunk(parser, p->data + offset, (int)chunk, 0);
        }
        htmlParseChunk(parser, NULL, 0, 1);
        htmlFreeParserCtxt(parser);
    }
    return NULL;
}

int main(int argc, char **argv) {
    if (argc < 4) { fprintf(stderr, "usage: %s THREADS ROUNDS FILE...\n", argv[0]); return 2; }
    int threads = atoi(argv[1]);
    rounds = atoi(argv[2]);
    page_count = argc - 3;
    pages = calloc(page_count, sizeof(page));
    long total = 0;
    for (int i = 0; i < page_count; i++) {
        FILE *file = fopen(argv[i + 3], "rb");
        if (!file) { perror(argv[i + 3]); return 1; }
        fseek(file, 0, SEEK_END);
        pages[i].size = ftell(file);
        rewind(file);
        pages[i].data = malloc(pages[i].size);
        if (fread(pages[i].data, 1, pages[i].size, file) != pages[i].size) { perror("fread"); return 1; }
        fclose(file);
        total += pages[i].size;
    }
    xmlInitParser();
    struct timespec begin, end;
    clock_gettime(CLOCK_MONOTONIC, &begin);
    pthread_t *ids = calloc(threads, sizeof(pthread_t));
    for (int i = 0; i < threads; i++) pthread_create(&ids[i], NULL, worker, NULL);
    for (int i = 0; i < threads; i++) pthread_join(ids[i], NULL);
    clock_gettime(CLOCK_MONOTONIC, &end);
    double seconds = (end.tv_sec - begin.tv_sec) + (end.tv_nsec - begin.tv_nsec) / 1e9;
    printf("{\"threads\": %d, \"pages\": %d, \"bytes\": %ld, \"seconds\": %.4f, \"start_tags\": %ld}\n",
           threads, page_count * rounds, total * rounds, seconds, (long)atomic_load(&start_tags));
    return 0;
}
