#include "CLibXML2.h"
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>

void scrape_xml_initialize(void) {
    scrape_xml_install_meter();
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

static void ignore_error(void *context, const char *message, ...) {
    (void)context;
    (void)message;
}

static void ignore_structured_error(void *context, xmlErrorPtr error) {
    (void)context;
    (void)error;
}

/* An element's attribute values, as strings libxml2 allocated, and the arrays handed over. */
typedef struct attribute_list {
    const char **names;
    const char **values;
    size_t *lengths;
    size_t count;
} attribute_list;

static int collect_attributes(xmlDocPtr document, xmlNodePtr element, attribute_list *list) {
    size_t count = 0;
    for (xmlAttrPtr attribute = element->properties; attribute != NULL; attribute = attribute->next) count++;
    list->count = 0;
    list->names = calloc(count + 1, sizeof(char *));
    list->values = calloc(count + 1, sizeof(char *));
    list->lengths = calloc(count + 1, sizeof(size_t));
    if (list->names == NULL || list->values == NULL || list->lengths == NULL) return -1;
    for (xmlAttrPtr attribute = element->properties; attribute != NULL; attribute = attribute->next) {
        xmlChar *value = xmlNodeListGetString(document, attribute->children, 1);
        list->names[list->count] = (const char *)attribute->name;
        list->values[list->count] = value != NULL ? (const char *)value : (const char *)xmlStrdup((const xmlChar *)"");
        list->lengths[list->count] = strlen(list->values[list->count]);
        list->count++;
    }
    return 0;
}

static void free_attributes(attribute_list *list) {
    for (size_t index = 0; index < list->count; index++) xmlFree((void *)list->values[index]);
    free(list->names);
    free(list->values);
    free(list->lengths);
}

/* Depth first without recursion: a page of 100,000 nested elements must not exhaust the stack. */
static void walk(xmlDocPtr document, xmlNodePtr root, const scrape_html_tree_handler *handler) {
    xmlNodePtr node = root;
    while (node != NULL) {
        int descend = 0;
        if (node->type == XML_ELEMENT_NODE) {
            attribute_list list;
            if (collect_attributes(document, node, &list) == 0) {
                long number = handler->open(handler->context, (const char *)node->name, list.names, list.values,
                                            list.lengths, list.count);
                scrape_set_node_number(node, number);
                descend = 1;
            }
            free_attributes(&list);
        } else if ((node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) && node->content != NULL) {
            handler->text(handler->context, (const char *)node->content, strlen((const char *)node->content));
        }
        if (descend && node->children != NULL) {
            node = node->children;
            continue;
        }
        if (descend) handler->close(handler->context);
        while (node != NULL && node->next == NULL) {
            node = node->parent;
            if (node == NULL || node == (xmlNodePtr)document) return;
            handler->close(handler->context);
        }
        if (node != NULL) node = node->next;
    }
}

int scrape_html_tree_read(const unsigned char *utf8, size_t length, const scrape_html_tree_handler *handler,
                          scrape_xml_document **kept) {
    if (length > 0x7fffffff) length = 0x7fffffff;
    xmlSetGenericErrorFunc(NULL, ignore_error);
    xmlSetStructuredErrorFunc(NULL, ignore_structured_error);
    htmlDocPtr document = htmlReadMemory((const char *)utf8, (int)length, NULL, "UTF-8",
                                         HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                                         HTML_PARSE_NOWARNING | HTML_PARSE_IGNORE_ENC | HTML_PARSE_NODEFDTD);
    if (document == NULL) return -1;
    walk(document, document->children, handler);
    if (kept != NULL && (*kept = scrape_xml_wrap_document(document)) != NULL) return 0;
    xmlFreeDoc(document);
    return 0;
}
