#ifndef SCRAPE_CDECOMPRESS_H
#define SCRAPE_CDECOMPRESS_H

#include <stddef.h>
#include <stdint.h>

/* A streaming decoder for one HTTP content coding: gzip, deflate (zlib-wrapped or raw) or br.
 *
 * libcurl 7.88 can decode these itself, but it takes a compressed stream that stops short as a
 * whole body; decoding here lets the caller tell a complete body from a truncated one. */

typedef enum {
    SCRAPE_CODING_GZIP = 1,
    SCRAPE_CODING_DEFLATE = 2,
    SCRAPE_CODING_BROTLI = 3,
} scrape_coding;

typedef enum {
    SCRAPE_DECODE_MORE = 0,     /* all input used; the stream goes on */
    SCRAPE_DECODE_END = 1,      /* the stream is complete; any further input is ignored */
    SCRAPE_DECODE_ERROR = -1,   /* the input is not valid in this coding */
    SCRAPE_DECODE_STOPPED = -2, /* the sink asked to stop */
} scrape_decode_status;

/* Receives decoded bytes in pieces; a nonzero return stops decoding. */
typedef int (*scrape_decoder_sink)(const uint8_t *data, size_t length, void *context);

typedef struct scrape_decoder scrape_decoder;

scrape_decoder *scrape_decoder_new(scrape_coding coding);
scrape_decode_status scrape_decoder_feed(scrape_decoder *decoder, const uint8_t *input, size_t length,
                                         scrape_decoder_sink sink, void *context);
void scrape_decoder_free(scrape_decoder *decoder);

#endif
