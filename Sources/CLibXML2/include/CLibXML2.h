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

/* A libxml2 document that XPath runs over, opaque to Swift. Each element carries the number the
 * caller gave it (an index into the caller's own tree), so that results map back to it. */
typedef struct scrape_xml_document scrape_xml_document;
void scrape_xml_document_free(scrape_xml_document *document);

/* Builds a document element by element, in document order: `open` adds an element (namespace
 * 0 none, as HTML elements are in lxml; 1 SVG; 2 MathML) under the last one opened and not yet
 * closed, `attribute` gives the element just opened an attribute (`xlink:` and `xml:` names in
 * their namespaces, on SVG and MathML elements), `text` adds a text node (never merged with one
 * before it). Return -1 when memory runs out. */
scrape_xml_document *scrape_xml_document_new(void);
int scrape_xml_document_open(scrape_xml_document *document, const char *name, int name_space, long number);
int scrape_xml_document_attribute(scrape_xml_document *document, const char *name, const unsigned char *value, size_t length);
int scrape_xml_document_text(scrape_xml_document *document, const unsigned char *text, size_t length);
void scrape_xml_document_close(scrape_xml_document *document);

/* Compiles `expression`, then evaluates it once over an empty document (which finds unknown
 * functions and namespace prefixes). Returns 0, or -1 with libxml2's message (its trailing newline
 * removed) in `message` and, for a compile error, the offset in the expression where it stopped in
 * `*position` (-1 for an evaluation error). The prefixes svg, math and xlink are bound to their
 * namespaces. */
int scrape_xpath_check(const char *expression, char *message, size_t message_size, int *position);

/* Evaluates `expression` over `document`: `element` for each element of a node-set result (with
 * its number), `attribute` for each attribute of a numbered element (the element's number, the
 * attribute's name and value), `value` for each other node (its string value) and for a string,
 * number or boolean result (its XPath string value, as string() writes it). At most `step_limit` of libxml2's XPath
 * operations, and `byte_limit` bytes allocated, are spent. Returns 0; 1 when a limit stopped it;
 * -1 with libxml2's message in `message` when evaluation failed. */
typedef struct scrape_xpath_handler {
    void *context;
    void (*element)(void *context, long number);
    void (*attribute)(void *context, long number, const char *name, const char *value, size_t length);
    void (*value)(void *context, const char *text, size_t length);
} scrape_xpath_handler;
int scrape_xpath_evaluate(scrape_xml_document *document, const char *expression, unsigned long step_limit,
                          size_t byte_limit, const scrape_xpath_handler *handler, char *message, size_t message_size);

/* Parses a UTF-8 document with libxml2's own HTML parser (htmlReadMemory: recover, no network,
 * errors silenced, in-document encoding declarations ignored) and walks the tree it builds, in
 * document order: `open` for each element (which returns the element's number, for XPath) (its name and attributes, NUL-terminated, `count` of
 * them, each value's length beside it), `text` for each text or CDATA node, `close` when an element's children are done.
 * Comments, processing instructions and the doctype are not reported. Returns 0, or -1 when
 * libxml2 built no document. With `kept`, the document is not freed but handed over, for XPath. */
typedef struct scrape_html_tree_handler {
    void *context;
    long (*open)(void *context, const char *name, const char *const *attribute_names,
                 const char *const *attribute_values, const size_t *value_lengths, size_t count);
    void (*text)(void *context, const char *text, size_t length);
    void (*close)(void *context);
} scrape_html_tree_handler;
int scrape_html_tree_read(const unsigned char *utf8, size_t length, const scrape_html_tree_handler *handler,
                          scrape_xml_document **kept);

#endif
