#include "CLibXML2.h"

#include <string.h>
#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/xmlerror.h>
#include <libxml/parserInternals.h>

#define MAX_WATCHED 32

typedef struct scan_state {
    htmlParserCtxtPtr parser;
    const char *const *names;
    /* The watched names as interned in the parser's dictionary: libxml2 reports element names
     * from that dictionary, so a pointer comparison settles most lookups without strcmp. */
    const xmlChar *interned[MAX_WATCHED];
    int name_count;
    int open_targets; /* depth of nested elements watched at index 0: text is wanted while > 0 */
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

static int watched_index(const scan_state *state, const xmlChar *name) {
    for (int i = 0; i < state->name_count; i++) {
        if (name == state->interned[i]) return i;
    }
    for (int i = 0; i < state->name_count; i++) {
        if (name[0] == (xmlChar)state->names[i][0] && strcmp((const char *)name, state->names[i]) == 0) return i;
    }
    return -1;
}

static void on_start(void *context, const xmlChar *name, const xmlChar **attributes) {
    (void)attributes; /* attributes are re-read from the source by the caller, HTML5-style */
    scan_state *state = context;
    int index = watched_index(state, name);
    if (index < 0) return;
    if (index == 0) state->open_targets++;
    state->handler->start(state->handler->context, index, parser_offset(state->parser));
}

static void on_end(void *context, const xmlChar *name) {
    scan_state *state = context;
    int index = watched_index(state, name);
    if (index < 0) return;
    if (index == 0 && state->open_targets > 0) state->open_targets--;
    state->handler->end(state->handler->context, index, parser_offset(state->parser));
}

static void on_text(void *context, const xmlChar *bytes, int length) {
    scan_state *state = context;
    if (state->open_targets > 0 && length > 0) {
        state->handler->text(state->handler->context, bytes, (size_t)length);
    }
}

void scrape_xml_initialize(void) {
    xmlInitParser();
}

int scrape_html_scan(const unsigned char *utf8, size_t length,
                     const char *const *names, int name_count,
                     const scrape_html_handler *handler) {
    /* Error handlers are per thread in libxml2, so every parsing thread installs them. */
    xmlSetGenericErrorFunc(NULL, ignore_error);
    xmlSetStructuredErrorFunc(NULL, ignore_structured_error);

    if (length > (size_t)INT32_MAX || name_count > MAX_WATCHED) return -1;
    htmlParserCtxtPtr parser = htmlCreateMemoryParserCtxt((const char *)utf8, (int)length);
    if (parser == NULL) return -1;

    scan_state state = { .parser = parser, .names = names, .name_count = name_count, .handler = handler };
    for (int i = 0; i < name_count; i++) {
        state.interned[i] = xmlDictLookup(parser->dict, (const xmlChar *)names[i], -1);
    }
    xmlSAXHandlerPtr sax = (xmlSAXHandlerPtr)parser->sax;
    memset(sax, 0, sizeof(*sax));
    sax->startElement = on_start;
    sax->endElement = on_end;
    sax->characters = on_text;
    sax->cdataBlock = on_text;
    sax->ignorableWhitespace = on_text;
    sax->warning = ignore_error;
    sax->error = ignore_error;
    sax->fatalError = ignore_error;
    sax->serror = ignore_structured_error;
    parser->userData = &state;

    htmlCtxtUseOptions(parser, HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                                   HTML_PARSE_NOWARNING | HTML_PARSE_IGNORE_ENC | HTML_PARSE_NODEFDTD);
    xmlSwitchEncoding(parser, XML_CHAR_ENCODING_UTF8);
    htmlParseDocument(parser);

    parser->userData = NULL;
    htmlFreeParserCtxt(parser);
    return 0;
}

int scrape_html_entity(const char *name) {
    const htmlEntityDesc *entity = htmlEntityLookup((const xmlChar *)name);
    return entity == NULL ? -1 : (int)entity->value;
}
