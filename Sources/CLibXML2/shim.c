#include "CLibXML2.h"

#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/xmlerror.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlreader.h>

typedef struct scan_state {
    htmlParserCtxtPtr parser;
    const scrape_html_handler *handler;
} scan_state;

static void ignore_error(void *context, const char *message, ...) {
    (void)context;
    (void)message;
}

static void ignore_structured_error(void *context, xmlErrorPtr error) {
    (void)context;
    (void)error;
}

static size_t parser_offset(htmlParserCtxtPtr parser) {
    xmlParserInputPtr input = parser->input;
    return (size_t)input->consumed + (size_t)(input->cur - input->base);
}

static void on_start(void *context, const xmlChar *name, const xmlChar **attributes) {
    (void)attributes; /* attributes are re-read from the source by the caller, HTML5-style */
    scan_state *state = context;
    state->handler->start(state->handler->context, name, strlen((const char *)name), parser_offset(state->parser));
}

static void on_end(void *context, const xmlChar *name) {
    scan_state *state = context;
    state->handler->end(state->handler->context, name, strlen((const char *)name), parser_offset(state->parser));
}

void scrape_xml_initialize(void) {
    xmlInitParser();
}

struct scrape_html_push {
    scan_state state;
};

scrape_html_push *scrape_html_push_start(const scrape_html_handler *handler) {
    xmlSetGenericErrorFunc(NULL, ignore_error);
    xmlSetStructuredErrorFunc(NULL, ignore_structured_error);

    scrape_html_push *push = calloc(1, sizeof(*push));
    if (push == NULL) return NULL;
    htmlSAXHandler sax;
    memset(&sax, 0, sizeof(sax));
    sax.startElement = on_start;
    sax.endElement = on_end;
    sax.warning = ignore_error;
    sax.error = ignore_error;
    sax.fatalError = ignore_error;
    sax.serror = ignore_structured_error;
    htmlParserCtxtPtr parser = htmlCreatePushParserCtxt(&sax, &push->state, NULL, 0, NULL, XML_CHAR_ENCODING_UTF8);
    if (parser == NULL) {
        free(push);
        return NULL;
    }
    push->state.parser = parser;
    push->state.handler = handler;
    htmlCtxtUseOptions(parser, HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                                   HTML_PARSE_NOWARNING | HTML_PARSE_IGNORE_ENC | HTML_PARSE_NODEFDTD);
    return push;
}

int scrape_html_push_feed(scrape_html_push *push, const unsigned char *utf8, size_t length, int last) {
    if (length > (size_t)INT32_MAX) return -1;
    return htmlParseChunk(push->state.parser, (const char *)utf8, (int)length, last);
}

void scrape_html_push_end(scrape_html_push *push) {
    htmlFreeParserCtxt(push->state.parser);
    free(push);
}

int scrape_html_entity(const char *name) {
    const htmlEntityDesc *entity = htmlEntityLookup((const xmlChar *)name);
    return entity == NULL ? -1 : (int)entity->value;
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
