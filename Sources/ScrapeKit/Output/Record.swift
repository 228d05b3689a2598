/// The outcome for one input URL: exactly one per URL, whether it worked or not.
public struct Record: Sendable, Equatable {
    /// Position of the URL among the non-skipped lines of the input, from 0.
    public var index: Int
    public var url: String
    public var finalURL: String?
    public var status: Int?
    public var contentType: String?
    /// The encoding the body was decoded from (WHATWG name, lower case).
    public var charset: String?
    /// Size of the decoded (uncompressed) body.
    public var bytes: Int?
    public var fetchMilliseconds: Double?
    public var parseMilliseconds: Double?
    public var tag: String
    public var elements: [Element]
    public var error: ScrapeError?

    public var ok: Bool { error == nil }

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
