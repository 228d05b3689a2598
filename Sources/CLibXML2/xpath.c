#include "CLibXML2.h"
#include "internal.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/tree.h>
#include <libxml/dict.h>
#include <libxml/valid.h>
#include <libxml/xmlerror.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

static const xmlChar svg_namespace[] = "http://www.w3.org/2000/svg";
static const xmlChar mathml_namespace[] = "http://www.w3.org/1998/Math/MathML";
static const xmlChar xlink_namespace[] = "http://www.w3.org/1999/xlink";

/* ---- Arenas: a mirrored document is built node by node, read by XPath and dropped whole. Its
 * nodes, names and strings come from a few large blocks instead of one malloc each, and are
 * released together instead of one free each: with malloc and free, copying a page into libxml2
 * cost as much as parsing it. */

typedef struct arena_block {
    struct arena_block *next;
    size_t size;
    size_t used;
    _Alignas(16) unsigned char data[];
} arena_block;

/* Each allocation is preceded by its size, for realloc; 16 bytes keep the alignment malloc gives. */
#define ARENA_HEADER 16
#define ARENA_FIRST_BLOCK (64 * 1024)
#define ARENA_LARGEST_BLOCK (4 * 1024 * 1024)

typedef struct arena {
    arena_block *blocks;
} arena;

/* The arena libxml2's allocations on this thread come from, while a document is being built. */
static _Thread_local arena *active_arena;

static void *arena_allocate(arena *a, size_t size) {
    size_t needed = (size + ARENA_HEADER + 15) & ~(size_t)15;
    arena_block *block = a->blocks;
    if (block == NULL || block->size - block->used < needed) {
        size_t capacity = block == NULL ? ARENA_FIRST_BLOCK : block->size * 2;
        if (capacity > ARENA_LARGEST_BLOCK) capacity = ARENA_LARGEST_BLOCK;
        if (capacity < needed) capacity = needed;
        arena_block *fresh = malloc(sizeof(arena_block) + capacity);
        if (fresh == NULL) return NULL;
        fresh->next = block;
        fresh->size = capacity;
        fresh->used = 0;
        a->blocks = block = fresh;
    }
    unsigned char *start = block->data + block->used;
    block->used += needed;
    *(size_t *)start = size;
    return start + ARENA_HEADER;
}

static int arena_owns(const arena *a, const void *pointer) {
    for (const arena_block *block = a->blocks; block != NULL; block = block->next) {
        if ((const unsigned char *)pointer >= block->data && (const unsigned char *)pointer < block->data + block->used) return 1;
    }
    return 0;
}

static void arena_release(arena *a) {
    arena_block *block = a->blocks;
    while (block != NULL) {
        arena_block *next = block->next;
        free(block);
        block = next;
    }
    a->blocks = NULL;
}

/* ---- Allocation metering: XPath's operation limit counts steps over nodes, not the bytes that
 * string functions copy, so asking each element for the whole document's string value would run
 * for minutes under any step limit. Every libxml2 allocation on a thread that is evaluating is
 * counted; past the limit, the evaluation's step counter is set to its limit, so libxml2 stops at
 * its next step with its own error. */

typedef struct meter {
    size_t used;
    size_t limit;
    xmlXPathContextPtr context;
    int exceeded;
} meter;

static _Thread_local meter *active_meter;

static void count(size_t size) {
    meter *m = active_meter;
    if (m == NULL) return;
    m->used += size;
    if (m->used > m->limit && !m->exceeded) {
        m->exceeded = 1;
        m->context->opCount = m->context->opLimit;
    }
}

static void *scrape_malloc(size_t size) {
    if (active_arena != NULL) return arena_allocate(active_arena, size);
    count(size);
    return malloc(size);
}

static void scrape_free(void *pointer) {
    if (active_arena != NULL && arena_owns(active_arena, pointer)) return;
    free(pointer);
}

static void *scrape_realloc(void *pointer, size_t size) {
    if (active_arena != NULL && (pointer == NULL || arena_owns(active_arena, pointer))) {
        void *moved = arena_allocate(active_arena, size);
        if (moved != NULL && pointer != NULL) {
            size_t old = *(size_t *)((unsigned char *)pointer - ARENA_HEADER);
            memcpy(moved, pointer, old < size ? old : size);
        }
        return moved;
    }
    count(size);
    return realloc(pointer, size);
}

static char *scrape_strdup(const char *text) {
    size_t size = strlen(text) + 1;
    char *copy = scrape_malloc(size);
    if (copy != NULL) memcpy(copy, text, size);
    return copy;
}

void scrape_xml_install_meter(void) {
    xmlMemSetup(scrape_free, scrape_malloc, scrape_realloc, scrape_strdup);
}

/* ---- Documents ---- */

struct scrape_xml_document {
    xmlDocPtr doc;
    /* The element being filled while the document is built; the document node at first. */
    xmlNodePtr current;
    /* The last attribute given to `current`, where the next one is linked (xmlNewNsProp would
     * walk the whole list each time: a tag of 100,000 attributes would take minutes). */
    xmlAttrPtr last_attribute;
    /* Namespaces of a mirrored tree, owned here rather than declared on an element. */
    xmlNsPtr svg, mathml, xlink;
    /* xmlXPathOrderDocElems has numbered the elements, which makes sorting node-sets cheap. */
    int ordered;
    /* Where a mirrored document lives (all of it): released whole, never freed node by node.
     * Empty for the document libxml2's parser built, which xmlFreeDoc frees. */
    arena memory;
};

/* Runs `statement` with libxml2 allocating from `document`'s arena. When it fails (out of
 * memory), libxml2 has recorded the error with strings from the arena: they are let go while the
 * arena is still active, or the next reset of the thread's last error would free them. */
#define IN_ARENA(document, status, statement) do { \
        active_arena = &(document)->memory; \
        status = statement; \
        if (status != 0) xmlResetLastError(); \
        active_arena = NULL; \
    } while (0)

scrape_xml_document *scrape_xml_wrap_document(void *doc) {
    scrape_xml_document *document = calloc(1, sizeof *document);
    if (document == NULL) return NULL;
    document->doc = (xmlDocPtr)doc;
    document->current = (xmlNodePtr)doc;
    return document;
}

void scrape_xml_document_free(scrape_xml_document *document) {
    if (document == NULL) return;
    if (document->memory.blocks != NULL) {
        arena_release(&document->memory);
    } else {
        xmlFreeDoc(document->doc);
    }
    free(document);
}

static int start_document(scrape_xml_document *document) {
    document->doc = xmlNewDoc(BAD_CAST "1.0");
    document->svg = xmlNewNs(NULL, svg_namespace, BAD_CAST "svg");
    document->mathml = xmlNewNs(NULL, mathml_namespace, BAD_CAST "math");
    document->xlink = xmlNewNs(NULL, xlink_namespace, BAD_CAST "xlink");
    if (document->doc == NULL || document->svg == NULL || document->mathml == NULL || document->xlink == NULL) return -1;
    document->current = (xmlNodePtr)document->doc;
    return 0;
}

scrape_xml_document *scrape_xml_document_new(void) {
    scrape_xml_document *document = calloc(1, sizeof *document);
    if (document == NULL) return NULL;
    /* One allocation makes the arena's first block, so that freeing knows what to release. */
    int status;
    IN_ARENA(document, status, start_document(document));
    if (status != 0) {
        arena_release(&document->memory);
        free(document);
        return NULL;
    }
    return document;
}

static int open_element(scrape_xml_document *document, const char *name, int name_space, long number) {
    xmlNsPtr ns = name_space == 1 ? document->svg : name_space == 2 ? document->mathml : NULL;
    xmlNodePtr element = xmlNewDocNode(document->doc, ns, BAD_CAST name, NULL);
    if (element == NULL) return -1;
    scrape_set_node_number(element, number);
    if (xmlAddChild(document->current, element) == NULL) return -1;
    document->current = element;
    document->last_attribute = NULL;
    return 0;
}

int scrape_xml_document_open(scrape_xml_document *document, const char *name, int name_space, long number) {
    int status;
    IN_ARENA(document, status, open_element(document, name, name_space, number));
    return status;
}

static int add_attribute(scrape_xml_document *document, const char *name, const unsigned char *value, size_t length) {
    xmlNodePtr element = document->current;
    xmlNsPtr ns = NULL;
    /* Only SVG and MathML elements have namespaced attributes; on an HTML element `xlink:href`
     * is an attribute of that name, as in a browser. */
    if (element->ns != NULL && strncmp(name, "xlink:", 6) == 0) {
        ns = document->xlink;
        name += 6;
    } else if (element->ns != NULL && strncmp(name, "xml:", 4) == 0) {
        ns = xmlSearchNs(document->doc, element, BAD_CAST "xml");
        name += 4;
    }
    if (length > INT32_MAX) length = INT32_MAX;
    xmlAttrPtr attribute = xmlNewDocProp(document->doc, BAD_CAST name, NULL);
    if (attribute == NULL) return -1;
    attribute->ns = ns;
    attribute->parent = element;
    if (document->last_attribute != NULL) {
        document->last_attribute->next = attribute;
        attribute->prev = document->last_attribute;
    } else {
        element->properties = attribute;
    }
    document->last_attribute = attribute;
    xmlNodePtr text = xmlNewDocTextLen(document->doc, value, (int)length);
    if (text == NULL) return -1;
    text->parent = (xmlNodePtr)attribute;
    attribute->children = attribute->last = text;
    /* id() finds elements by their id attribute, the first in document order, as getElementById. */
    if (ns == NULL && strcmp(name, "id") == 0 && xmlGetID(document->doc, text->content) == NULL) {
        xmlAddID(NULL, document->doc, text->content, attribute);
    }
    return 0;
}

int scrape_xml_document_attribute(scrape_xml_document *document, const char *name, const unsigned char *value, size_t length) {
    int status;
    IN_ARENA(document, status, add_attribute(document, name, value, length));
    return status;
}

static int add_text(scrape_xml_document *document, const unsigned char *text, size_t length) {
    if (length > INT32_MAX) length = INT32_MAX;
    xmlNodePtr parent = document->current;
    xmlNodePtr node = xmlNewDocTextLen(document->doc, text, (int)length);
    if (node == NULL) return -1;
    /* Linked by hand: xmlAddChild would merge it into a text node just before it, where the tree
     * has two (a comment, not copied, stood between them). */
    node->parent = parent;
    node->prev = parent->last;
    if (parent->last != NULL) parent->last->next = node; else parent->children = node;
    parent->last = node;
    return 0;
}

int scrape_xml_document_text(scrape_xml_document *document, const unsigned char *text, size_t length) {
    int status;
    IN_ARENA(document, status, add_text(document, text, length));
    return status;
}

void scrape_xml_document_close(scrape_xml_document *document) {
    if (document->current != (xmlNodePtr)document->doc) document->current = document->current->parent;
    document->last_attribute = NULL;
}

/* ---- XPath ---- */

static void ignore_structured_error(void *context, xmlErrorPtr error) {
    (void)context;
    (void)error;
}

static void ignore_error(void *context, const char *message, ...) {
    (void)context;
    (void)message;
}

/* Errors go to xmlGetLastError() only: some of XPath's are also printed through the generic handler. */
static void silence_errors(void) {
    xmlSetGenericErrorFunc(NULL, ignore_error);
    xmlSetStructuredErrorFunc(NULL, ignore_structured_error);
    xmlResetLastError();
}

static xmlXPathContextPtr new_context(xmlDocPtr doc) {
    xmlXPathContextPtr context = xmlXPathNewContext(doc);
    if (context == NULL) return NULL;
    xmlXPathRegisterNs(context, BAD_CAST "svg", svg_namespace);
    xmlXPathRegisterNs(context, BAD_CAST "math", mathml_namespace);
    xmlXPathRegisterNs(context, BAD_CAST "xlink", xlink_namespace);
    context->node = (xmlNodePtr)doc;
    return context;
}

/* libxml2's message for the last error on this thread, without its trailing newline. */
static void copy_last_error(char *message, size_t message_size, int *position) {
    xmlErrorPtr error = xmlGetLastError();
    const char *text = error != NULL && error->message != NULL ? error->message : "XPath error";
    size_t length = strlen(text);
    while (length > 0 && (text[length - 1] == '\n' || text[length - 1] == ' ')) length--;
    snprintf(message, message_size, "%.*s", (int)length, text);
    if (position != NULL) *position = error != NULL ? error->int1 : 0;
}

int scrape_xpath_check(const char *expression, char *message, size_t message_size, int *position) {
    silence_errors();
    scrape_xml_document *empty = scrape_xml_document_new();
    if (empty == NULL) {
        snprintf(message, message_size, "out of memory");
        return -1;
    }
    xmlXPathContextPtr context = new_context(empty->doc);
    int status = -1;
    if (context != NULL) {
        context->opLimit = 1000000;
        xmlXPathCompExprPtr compiled = xmlXPathCtxtCompile(context, BAD_CAST expression);
        if (compiled == NULL) {
            copy_last_error(message, message_size, position);
        } else {
            xmlXPathObjectPtr result = xmlXPathCompiledEval(compiled, context);
            if (result != NULL) {
                status = 0;
            } else {
                copy_last_error(message, message_size, NULL);
                *position = -1;
            }
            xmlXPathFreeObject(result);
            xmlXPathFreeCompExpr(compiled);
        }
        xmlXPathFreeContext(context);
    }
    scrape_xml_document_free(empty);
    return status;
}

static void report(const xmlChar *text, const scrape_xpath_handler *handler) {
    const char *string = text != NULL ? (const char *)text : "";
    handler->value(handler->context, string, strlen(string));
}

int scrape_xpath_evaluate(scrape_xml_document *document, const char *expression, unsigned long step_limit,
                          size_t byte_limit, const scrape_xpath_handler *handler, char *message, size_t message_size) {
    silence_errors();
    if (!document->ordered) {
        xmlXPathOrderDocElems(document->doc);
        document->ordered = 1;
    }
    xmlXPathContextPtr context = new_context(document->doc);
    if (context == NULL) {
        snprintf(message, message_size, "out of memory");
        return -1;
    }
    context->opLimit = step_limit > 0 ? step_limit : 1;
    meter m = { 0, byte_limit, context, 0 };
    active_meter = &m;
    xmlXPathObjectPtr result = xmlXPathEval(BAD_CAST expression, context);
    int status = 0;
    if (result == NULL) {
        xmlErrorPtr error = xmlGetLastError();
        int code = error != NULL ? error->code - XML_XPATH_EXPRESSION_OK : 0;
        status = m.exceeded || code == XPATH_OP_LIMIT_EXCEEDED || code == XPATH_RECURSION_LIMIT_EXCEEDED ? 1 : -1;
        if (status < 0) copy_last_error(message, message_size, NULL);
    } else if (result->type == XPATH_NODESET) {
        xmlNodeSetPtr nodes = result->nodesetval;
        for (int index = 0; nodes != NULL && index < nodes->nodeNr && !m.exceeded; index++) {
            xmlNodePtr node = nodes->nodeTab[index];
            if (node->type == XML_ELEMENT_NODE && scrape_node_number(node) >= 0) {
                handler->element(handler->context, scrape_node_number(node));
            } else if (node->type == XML_ATTRIBUTE_NODE && node->parent != NULL && scrape_node_number(node->parent) >= 0) {
                xmlChar *text = xmlXPathCastNodeToString(node);
                const char *value = text != NULL ? (const char *)text : "";
                handler->attribute(handler->context, scrape_node_number(node->parent), (const char *)node->name,
                                   value, strlen(value));
                xmlFree(text);
            } else {
                xmlChar *text = xmlXPathCastNodeToString(node);
                report(text, handler);
                xmlFree(text);
            }
        }
        if (m.exceeded) status = 1;
    } else {
        xmlChar *text = xmlXPathCastToString(result);
        if (m.exceeded) status = 1; else report(text, handler);
        xmlFree(text);
    }
    active_meter = NULL;
    xmlXPathFreeObject(result);
    xmlXPathFreeContext(context);
    return status;
}
