/// The outcome for one input URL: exactly one per URL, whether it worked or not.
///
/// `Codable` in the output contract's shape (`Record+Codable.swift`): `JSONEncoder` writes the
/// same JSON value as the line the command line prints, and such a line decodes back to the
/// record, durations rounded to the microsecond as printed. Foundation's coders keep no key
/// order, so through them `attrs` and `selections` come back in an order of their own.
public struct Record: Sendable, Hashable {
    /// Position of the URL among the non-skipped lines of the input, from 0.
    public var index: Int
    /// The URL as listed (surrounding blanks trimmed); in a crawl, the page's URL as a browser
    /// serialises it.
    public var url: String
    /// In a crawl, the page's shortest link distance from a seed (0 for a seed); nil outside one.
    public var depth: Int?
    /// In a crawl, the page whose link gave this page its depth; nil for a seed and outside a crawl.
    public var parent: String?
    /// Where the last redirect led; nil when no response arrived.
    public var finalURL: String?
    /// HTTP status of the last response, if one arrived.
    public var status: Int?
    /// HTTP version of the last response: "1.0", "1.1", "2" or "3"; nil when none arrived.
    public var httpVersion: String?
    /// True when the page came over TLS whose certificate was not checked (`--insecure`).
    public var insecure = false
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
    /// What was extracted by a run of one query: the element name of `--tag`, or the selector
    /// of `--select`; "" in a run of named selections.
    public var tag: String
    /// Every element `tag` matched, in document order; empty when the URL failed, and in a run
    /// of named selections.
    public var elements: [Element]
    /// The strings a run of one value-giving query found (`::text`, `::attr()`, XPath values),
    /// in document order; empty when it gives elements, when the URL failed, and in a run of
    /// named selections.
    public var values: [String] = []
    /// In a run of named selections (`--select NAME=CSS`), each one's elements, in the order
    /// given; empty in a run of one query. Present, with no elements, when the URL failed.
    public var selections: [SelectionResult] = []
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
