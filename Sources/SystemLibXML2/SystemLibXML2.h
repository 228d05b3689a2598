/* libxml2 as the system has it, found through pkg-config (libxml-2.0), for the CLibXML2 shim.
 * No Swift code imports this module: Debian's libxml2 headers pull in ICU's, which clash with the
 * ICU that Foundation bundles. */
#include <libxml/HTMLparser.h>
