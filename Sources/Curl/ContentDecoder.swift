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

    /// The coding a `Content-Encoding` header names: nil for none (or `identity`), a failure
    /// message for codings we cannot decode, including stacked ones like `gzip, br`.
    static func coding(forHeader header: String) -> Result<Coding?, ContentDecoderError> {
        let names = header.split(separator: ",")
            .map { $0.filter { $0 != " " && $0 != "\t" }.lowercased() }
            .filter { !$0.isEmpty && $0 != "identity" }
        guard !names.isEmpty else { return .success(nil) }
        guard names.count == 1, let coding = Coding(rawValue: names[0] == "x-gzip" ? "gzip" : names[0]) else {
            return .failure(ContentDecoderError(message: "content encoding \"\(header)\" is not supported"))
        }
        return .success(coding)
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
            switch status {
            case SCRAPE_DECODE_END:
                isComplete = true
                return .complete
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
