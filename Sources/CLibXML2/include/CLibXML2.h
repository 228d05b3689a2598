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

/* Parses a UTF-8 document with libxml2's HTML push parser (recover, no network, errors silenced,
 * in-document encoding declarations ignored) and reports every tag. The document is fed in
 * pieces, so the caller can leave out bytes it reads itself between two pieces; `offset`s count
 * the bytes fed. Start returns NULL when the parser could not be created; feed returns libxml2's
 * error code (0 when all is well); the handler must outlive the parse, which `end` frees. */
typedef struct scrape_html_push scrape_html_push;
scrape_html_push *scrape_html_push_start(const scrape_html_handler *handler);
int scrape_html_push_feed(scrape_html_push *push, const unsigned char *utf8, size_t length, int last);
void scrape_html_push_end(scrape_html_push *push);

/* Reads a sitemap with libxml2's streaming reader (xmlTextReader: no tree is built, so memory does
 * not grow with the file), network access and entity substitution off, errors silenced. Calls
 * `location` with the text of each <loc> two levels down (urlset/url/loc, sitemapindex/sitemap/loc),
 * until it returns nonzero. Sets `*is_index` when the root is <sitemapindex>. Returns 0, or -1 when
 * the document is not well-formed XML (locations already reported stand). */
typedef struct scrape_sitemap_handler {
    void *context;
    int (*location)(void *context, const unsigned char *text, size_t length);
} scrape_sitemap_handler;
int scrape_sitemap_read(const unsigned char *xml, size_t length, const scrape_sitemap_handler *handler, int *is_index);

/* The code point of an HTML 4 named character reference (`name` without '&' and ';'), or -1. */
int scrape_html_entity(const char *name);

#endif
