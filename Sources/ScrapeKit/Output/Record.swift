/// The outcome for one input URL: exactly one per URL, whether it worked or not.
public struct Record: Sendable, Equatable {
    /// Position of the URL among the non-skipped lines of the input, from 0.
    public var index: Int
    /// The URL as listed (surrounding blanks trimmed).
    public var url: String
    /// Where the last redirect led; nil when no response arrived.
    public var finalURL: String?
    /// HTTP status of the last response, if one arrived.
    public var status: Int?
    /// The `Content-Type` header as sent, malformed or not.
    public var contentType: String?
    /// The encoding the body was decoded from (WHATWG name, lower case).
    public var charset: String?
    /// Size of the decoded (uncompressed) body.
    public var bytes: Int?
    /// Wall time of the transfer that gave the answer (the last attempt).
    public var fetchMilliseconds: Double?
    /// Wall time of charset detection, decoding and extraction.
    public var parseMilliseconds: Double?
    /// The element name that was extracted.
    public var tag: String
    /// Every element of `tag`, in document order; empty when the URL failed.
    public var elements: [Element]
    /// Why the URL has no elements; nil when it worked.
    public var error: ScrapeError?

    /// True when the page was fetched and parsed (it may still have no elements).
    public var ok: Bool { error == nil }

    /// A record as the pipeline makes it; for tests and for code that builds records itself.
    public init(index: Int, url: String, finalURL: String? = nil, status: Int? = nil, contentType: String? = nil,
                charset: String? = nil, bytes: Int? = nil, fetchMilliseconds: Double? = nil,
                parseMilliseconds: Double? = nil, tag: String, elements: [Element] = [], error: ScrapeError? = nil) {
        self.index = index
        self.url = url
        self.finalURL = finalURL
        self.status = status
        self.contentType = contentType
        self.charset = charset
        self.bytes = bytes
        self.fetchMilliseconds = fetchMilliseconds
        self.parseMilliseconds = parseMilliseconds
        self.tag = tag
        self.elements = elements
        self.error = error
    }
}
