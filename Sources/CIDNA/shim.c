#include "CIDNA.h"

#include <pthread.h>
#include <unicode/uidna.h>

/// The errors UTS #46 reports for checks the URL Standard turns off: hyphen placement
/// (CheckHyphens) and label and name lengths (VerifyDnsLength).
static const uint32_t ignored_errors = UIDNA_ERROR_EMPTY_LABEL | UIDNA_ERROR_LABEL_TOO_LONG
    | UIDNA_ERROR_DOMAIN_NAME_TOO_LONG | UIDNA_ERROR_LEADING_HYPHEN | UIDNA_ERROR_TRAILING_HYPHEN
    | UIDNA_ERROR_HYPHEN_3_4;

static UIDNA *idna;
static pthread_once_t idna_once = PTHREAD_ONCE_INIT;

static void open_idna(void) {
    UErrorCode status = U_ZERO_ERROR;
    idna = uidna_openUTS46(UIDNA_CHECK_BIDI | UIDNA_CHECK_CONTEXTJ | UIDNA_NONTRANSITIONAL_TO_ASCII
                           | UIDNA_NONTRANSITIONAL_TO_UNICODE, &status);
    if (U_FAILURE(status)) idna = NULL;
}

long scrape_idna_to_ascii(const char *input, size_t length, char *output, size_t capacity) {
    // Opened once and shared: ICU documents a UIDNA as immutable and safe across threads.
    pthread_once(&idna_once, open_idna);
    if (idna == NULL || length > 0x7fffffff || capacity > 0x7fffffff) return -1;
    UErrorCode status = U_ZERO_ERROR;
    UIDNAInfo info = UIDNA_INFO_INITIALIZER;
    int32_t written = uidna_nameToASCII_UTF8(idna, input, (int32_t)length, output, (int32_t)capacity, &info, &status);
    if (U_FAILURE(status) || (info.errors & ~ignored_errors) != 0 || written > (int32_t)capacity) return -1;
    return written;
}
