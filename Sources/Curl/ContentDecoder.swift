import CDecompress

/// Decodes a response body's content coding (gzip, deflate or br) as it arrives.
///
/// libcurl 7.88 would decode these too, but it reports a compressed stream that stops short
/// as a complete body; here the stream's own end is checked, so a truncated body is an error.
final class ContentDecoder {
    enum Coding: String {
        case gzip, deflate, br
    }

    enum Outcome {
        case more, complete, invalid, stopped
    }

    let coding: Coding
    private let decoder: OpaquePointer
    /// The stream reached its end: the body is whole.
    private(set) var isComplete = false
    /// Some compressed input arrived (an empty body with a coding header is no truncation).
    private(set) var hasInput = false

    /// More codings stacked on one body than any server has a reason to send.
    static let maximumCodings = 4

    /// The codings a `Content-Encoding` list names (all its headers joined with commas), in the
    /// order the server applied them: empty for none (or `identity`), a failure message for a
    /// coding we cannot decode or too many of them.
    static func codings(forHeader header: String) -> Result<[Coding], ContentDecoderError> {
        let names = header.split(separator: ",")
            .map { $0.filter { $0 != " " && $0 != "\t" }.lowercased() }
            .filter { !$0.isEmpty && $0 != "identity" }
        let codings = names.compactMap { Coding(rawValue: $0 == "x-gzip" ? "gzip" : $0) }
        guard codings.count == names.count, codings.count <= maximumCodings else {
            return .failure(ContentDecoderError(message: "content encoding \"\(header)\" is not supported"))
        }
        return .success(codings)
    }

    /// Feeds `chunk` through `chain`, the decoders in decoding order (the last coding the server
    /// applied first), each one's output the next one's input; `sink` gets the final bytes.
    static func feed(_ chunk: UnsafeRawBufferPointer, through chain: ArraySlice<ContentDecoder>,
                     sink: (UnsafeRawBufferPointer) -> Bool) -> (Outcome, failed: ContentDecoder?) {
        guard let first = chain.first else { return (sink(chunk) ? .more : .stopped, nil) }
        var inner: (Outcome, failed: ContentDecoder?) = (.more, nil)
        let outcome = first.feed(chunk) { piece in
            inner = feed(piece, through: chain.dropFirst(), sink: sink)
            return inner.0 != .stopped && inner.0 != .invalid
        }
        if outcome == .stopped, inner.0 == .invalid || inner.0 == .stopped { return inner }
        return (outcome, outcome == .invalid ? first : nil)
    }

    init?(_ coding: Coding) {
        let cCoding: scrape_coding = switch coding {
        case .gzip: SCRAPE_CODING_GZIP
        case .deflate: SCRAPE_CODING_DEFLATE
        case .br: SCRAPE_CODING_BROTLI
        }
        guard let decoder = scrape_decoder_new(cCoding) else { return nil }
        self.coding = coding
        self.decoder = decoder
    }

    deinit {
        scrape_decoder_free(decoder)
    }

    /// Decodes `chunk`, handing the output to `sink` piece by piece; `sink` returns false to stop.
    func feed(_ chunk: UnsafeRawBufferPointer, sink: (UnsafeRawBufferPointer) -> Bool) -> Outcome {
        hasInput = hasInput || !chunk.isEmpty
        return withoutActuallyEscaping(sink) { sink in
            let box = Unmanaged.passRetained(SinkBox(sink))
            defer { box.release() }
            let status = scrape_decoder_feed(decoder, chunk.bindMemory(to: UInt8.self).baseAddress, chunk.count,
                                             { data, length, context in
                let box = Unmanaged<SinkBox>.fromOpaque(context!).takeUnretainedValue()
                return box.sink(UnsafeRawBufferPointer(start: data, count: length)) ? 0 : 1
            }, box.toOpaque())
            isComplete = status == SCRAPE_DECODE_END
            switch status {
            case SCRAPE_DECODE_END: return .complete
            case SCRAPE_DECODE_MORE: return .more
            case SCRAPE_DECODE_STOPPED: return .stopped
            default: return .invalid
            }
        }
    }

    private final class SinkBox {
        let sink: (UnsafeRawBufferPointer) -> Bool
        init(_ sink: @escaping (UnsafeRawBufferPointer) -> Bool) { self.sink = sink }
    }
}

struct ContentDecoderError: Error {
    let message: String
}
