#ifndef SCRAPE_CLIBXML2_INTERNAL_H
#define SCRAPE_CLIBXML2_INTERNAL_H

#include <stdint.h>
#include <libxml/tree.h>
#include "CLibXML2.h"

/* Routes libxml2's allocations through our functions (before the first parse): a document being
 * mirrored allocates from its arena, and an XPath evaluation is held to a number of bytes. */
void scrape_xml_install_meter(void);

/* A document libxml2's parser built, handed over for XPath (an xmlDocPtr). */
scrape_xml_document *scrape_xml_wrap_document(void *doc);

/* An element's number (an index into the Swift tree it stands for) lives in its `_private`, one
 * more than the number so that NULL, libxml2's default, means none. */
static inline void scrape_set_node_number(xmlNodePtr node, long number) {
    node->_private = (void *)(intptr_t)(number + 1);
}

/* The number of an element; -1 for a node that has none. */
static inline long scrape_node_number(const xmlNode *node) {
    return node->_private != NULL ? (long)(intptr_t)node->_private - 1 : -1;
}

#endif
