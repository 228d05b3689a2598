#ifndef SCRAPE_CLIBXML2_INTERNAL_H
#define SCRAPE_CLIBXML2_INTERNAL_H

#include "CLibXML2.h"

/* Routes libxml2's allocations through our functions (before the first parse): a document being
 * mirrored allocates from its arena, and an XPath evaluation is held to a number of bytes. */
void scrape_xml_install_meter(void);

/* A document libxml2's parser built, handed over for XPath (an xmlDocPtr). */
scrape_xml_document *scrape_xml_wrap_document(void *doc);

#endif
