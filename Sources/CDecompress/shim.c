#include "CDecompress.h"

#include <brotli/decode.h>
#include <stdlib.h>
#include <zlib.h>

enum { OUTPUT_SIZE = 64 * 1024 };

struct scrape_decoder {
    scrape_coding coding;
    int ended;
    int fed;             /* some input has been given */
    z_stream zlib;
    BrotliDecoderState *brotli;
};

scrape_decoder *scrape_decoder_new(scrape_coding coding) {
    scrape_decoder *decoder = calloc(1, sizeof *decoder);
    if (decoder == NULL) return NULL;
    decoder->coding = coding;
    if (coding == SCRAPE_CODING_BROTLI) {
        decoder->brotli = BrotliDecoderCreateInstance(NULL, NULL, NULL);
        if (decoder->brotli != NULL) return decoder;
    } else if (inflateInit2(&decoder->zlib, 15 + 32) == Z_OK) { /* 32: a gzip or a zlib header */
        return decoder;
    }
    free(decoder);
    return NULL;
}

static scrape_decode_status feed_zlib(scrape_decoder *decoder, const uint8_t *input, size_t length,
                                      scrape_decoder_sink sink, void *context) {
    uint8_t output[OUTPUT_SIZE];
    z_stream *stream = &decoder->zlib;
    int first = !decoder->fed;
    stream->next_in = (Bytef *)input;
    stream->avail_in = (uInt)length;
    for (;;) {
        stream->next_out = output;
        stream->avail_out = OUTPUT_SIZE;
        int result = inflate(stream, Z_NO_FLUSH);
        size_t produced = OUTPUT_SIZE - stream->avail_out;
        if (produced > 0 && sink(output, produced, context) != 0) return SCRAPE_DECODE_STOPPED;
        if (result == Z_STREAM_END) {
            decoder->ended = 1;
            /* gzip allows several members one after another, and decodes them all. */
            if (decoder->coding != SCRAPE_CODING_GZIP || stream->avail_in == 0) return SCRAPE_DECODE_END;
            if (inflateReset(stream) != Z_OK) return SCRAPE_DECODE_ERROR;
            decoder->ended = 0;
            continue;
        }
        if (result == Z_DATA_ERROR && first && stream->total_out == 0 && decoder->coding == SCRAPE_CODING_DEFLATE) {
            /* "deflate" sent without its zlib wrapper, as some servers do: start again, raw. */
            first = 0;
            if (inflateReset2(stream, -15) != Z_OK) return SCRAPE_DECODE_ERROR;
            stream->next_in = (Bytef *)input;
            stream->avail_in = (uInt)length;
            continue;
        }
        if (result != Z_OK && result != Z_BUF_ERROR) return SCRAPE_DECODE_ERROR;
        if (stream->avail_in == 0 && stream->avail_out != 0) return SCRAPE_DECODE_MORE;
        if (result == Z_BUF_ERROR && produced == 0) return SCRAPE_DECODE_MORE;
    }
}

static scrape_decode_status feed_brotli(scrape_decoder *decoder, const uint8_t *input, size_t length,
                                        scrape_decoder_sink sink, void *context) {
    uint8_t output[OUTPUT_SIZE];
    const uint8_t *next_in = input;
    size_t available_in = length;
    for (;;) {
        uint8_t *next_out = output;
        size_t available_out = OUTPUT_SIZE;
        BrotliDecoderResult result =
            BrotliDecoderDecompressStream(decoder->brotli, &available_in, &next_in, &available_out, &next_out, NULL);
        size_t produced = OUTPUT_SIZE - available_out;
        if (produced > 0 && sink(output, produced, context) != 0) return SCRAPE_DECODE_STOPPED;
        switch (result) {
        case BROTLI_DECODER_RESULT_SUCCESS:
            decoder->ended = 1;
            return SCRAPE_DECODE_END;
        case BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT:
            return SCRAPE_DECODE_MORE;
        case BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT:
            continue;
        default:
            return SCRAPE_DECODE_ERROR;
        }
    }
}

scrape_decode_status scrape_decoder_feed(scrape_decoder *decoder, const uint8_t *input, size_t length,
                                         scrape_decoder_sink sink, void *context) {
    if (length == 0) return decoder->ended ? SCRAPE_DECODE_END : SCRAPE_DECODE_MORE;
    if (decoder->ended) {
        /* Bytes after the end: another gzip member; after a deflate or br stream, ignored. */
        if (decoder->coding != SCRAPE_CODING_GZIP) return SCRAPE_DECODE_END;
        if (inflateReset(&decoder->zlib) != Z_OK) return SCRAPE_DECODE_ERROR;
        decoder->ended = 0;
    }
    scrape_decode_status status = decoder->coding == SCRAPE_CODING_BROTLI
        ? feed_brotli(decoder, input, length, sink, context)
        : feed_zlib(decoder, input, length, sink, context);
    decoder->fed = 1;
    return status;
}

void scrape_decoder_free(scrape_decoder *decoder) {
    if (decoder == NULL) return;
    if (decoder->coding == SCRAPE_CODING_BROTLI) {
        BrotliDecoderDestroyInstance(decoder->brotli);
    } else {
        inflateEnd(&decoder->zlib);
    }
    free(decoder);
}
