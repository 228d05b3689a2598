#ifndef SCRAPE_CLIBXML2_H
#define SCRAPE_CLIBXML2_H

#include <stddef.h>

/* This header deliberately includes no libxml2 header: Debian's libxml2 headers pull in ICU's,
 * which clash with the ICU that Foundation bundles. Swift sees only the types below. */

/* Receives the events of one parse. `name` is an index into the watched names; `offset` is the
 * byte offset in the input where the parser stood when it reported the tag (for a start tag, the
 * '>' that ends it). Text arrives only inside the element watched at index 0. */
typedef struct scrape_html_handler {
    void *context;
    void (*start)(void *context, int name, size_t offset);
    void (*end)(void *context, int name, size_t offset);
    void (*text)(void *context, const unsigned char *bytes, size_t length);
} scrape_html_handler;

/* Must run once, on the main thread, before any parse (libxml2's global init is not thread-safe). */
void scrape_xml_initialize(void);

/* Parses a UTF-8 document with libxml2's HTML parser (recover, no network, errors silenced,
 * in-document encoding declarations ignored) and reports the watched elements.
 * `names` are lower-case element names. Returns 0, or -1 when the parser could not be created. */
int scrape_html_scan(const unsigned char *utf8, size_t length,
                     const char *const *names, int name_count,
                     const scrape_html_handler *handler);

/* The code point of an HTML 4 named character reference (`name` without '&' and ';'), or -1. */
int scrape_html_entity(const char *name);

#endif
