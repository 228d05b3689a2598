#ifndef SCRAPE_CLIBXML2_H
#define SCRAPE_CLIBXML2_H

#include <stddef.h>

/* This header deliberately includes no libxml2 header: Debian's libxml2 headers pull in ICU's,
 * which clash with the ICU that Foundation bundles. Swift sees only the types below. */

/* Receives the tags of one parse, as libxml2's HTML parser reports them (implied ones included).
 * `name` is the lower-case element name (not NUL-terminated); `offset` is the byte offset in the
 * input where the parser stood: for a start tag at its closing '>', for an end tag past it. */
typedef struct scrape_html_handler {
    void *context;
    void (*start)(void *context, const unsigned char *name, size_t length, size_t offset);
    void (*end)(void *context, const unsigned char *name, size_t length, size_t offset);
} scrape_html_handler;

/* Must run once before any parse (libxml2's global init is not thread-safe; callers serialise it). */
void scrape_xml_initialize(void);

/* Parses a UTF-8 document with libxml2's HTML parser (recover, no network, errors silenced,
 * in-document encoding declarations ignored) and reports every tag.
 * Returns 0, or -1 when the parser could not be created. */
int scrape_html_scan(const unsigned char *utf8, size_t length, const scrape_html_handler *handler);

/* The code point of an HTML 4 named character reference (`name` without '&' and ';'), or -1. */
int scrape_html_entity(const char *name);

#endif
