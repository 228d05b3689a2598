#ifndef SCRAPE_CLIBXML2_H
#define SCRAPE_CLIBXML2_H

#include <stddef.h>

/* This header deliberately includes no libxml2 header: Debian's libxml2 headers pull in ICU's,
 * which clash with the ICU that Foundation bundles. Swift sees only the types below. */

/* Must run once before any parse (libxml2's global init is not thread-safe; callers serialise it). */
void scrape_xml_initialize(void);

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

/* Parses a UTF-8 document with libxml2's own HTML parser (htmlReadMemory: recover, no network,
 * errors silenced, in-document encoding declarations ignored) and walks the tree it builds, in
 * document order: `open` for each element (its name and attributes, NUL-terminated, `count` of
 * them, each value's length beside it), `text` for each text or CDATA node, `close` when an element's children are done.
 * Comments, processing instructions and the doctype are not reported. Returns 0, or -1 when
 * libxml2 built no document. */
typedef struct scrape_html_tree_handler {
    void *context;
    void (*open)(void *context, const char *name, const char *const *attribute_names,
                 const char *const *attribute_values, const size_t *value_lengths, size_t count);
    void (*text)(void *context, const char *text, size_t length);
    void (*close)(void *context);
} scrape_html_tree_handler;
int scrape_html_tree_read(const unsigned char *utf8, size_t length, const scrape_html_tree_handler *handler);

#endif
