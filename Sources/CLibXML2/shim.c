#include "CLibXML2.h"

#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>

void scrape_xml_initialize(void) {
    xmlInitParser();
}

static void ignore_reader_error(void *context, const char *message, xmlParserSeverities severity,
                                xmlTextReaderLocatorPtr locator) {
    (void)context;
    (void)message;
    (void)severity;
    (void)locator;
}

int scrape_sitemap_read(const unsigned char *xml, size_t length, const scrape_sitemap_handler *handler, int *is_index) {
    if (length > 0x7fffffff) length = 0x7fffffff;
    xmlTextReaderPtr reader = xmlReaderForMemory((const char *)xml, (int)length, "sitemap.xml", NULL,
                                                 XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_COMPACT);
    if (reader == NULL) return -1;
    xmlTextReaderSetErrorHandler(reader, ignore_reader_error, NULL);
    int status;
    *is_index = 0;
    while ((status = xmlTextReaderRead(reader)) == 1) {
        if (xmlTextReaderNodeType(reader) != XML_READER_TYPE_ELEMENT) continue;
        const char *name = (const char *)xmlTextReaderConstLocalName(reader);
        int depth = xmlTextReaderDepth(reader);
        if (depth == 0) {
            *is_index = name != NULL && strcmp(name, "sitemapindex") == 0;
        } else if (depth == 2 && name != NULL && strcmp(name, "loc") == 0) {
            xmlChar *text = xmlTextReaderReadString(reader);
            if (text == NULL) continue;
            int stop = handler->location(handler->context, text, strlen((const char *)text));
            xmlFree(text);
            if (stop) break;
        }
    }
    xmlFreeTextReader(reader);
    return status < 0 ? -1 : 0;
}
