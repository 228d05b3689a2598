#ifndef SCRAPE_CIDNA_H
#define SCRAPE_CIDNA_H

#include <stddef.h>

/// UTS #46 ToASCII of a UTF-8 domain with the WHATWG URL Standard's settings (nontransitional,
/// CheckBidi and CheckJoiners on; CheckHyphens, UseSTD3ASCIIRules and VerifyDnsLength off), by
/// ICU, which is what browsers use. Writes the ASCII result (not NUL-terminated) into `output`.
/// Returns its length, or -1 when the domain is not valid or does not fit.
long scrape_idna_to_ascii(const char *input, size_t length, char *output, size_t capacity);

#endif
