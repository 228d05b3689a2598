/// The parse stage: charset detection, decoding to UTF-8 and element extraction.
///
/// Usable on its own for bodies fetched some other way; it gives the same answer the pipeline
/// gives for the same bytes and `Content-Type`.
public struct PageParser: Sendable {
    let tag: String

    /// - Parameter tag: the element name to extract, matched case-insensitively.
    public init(tag: String = "script") {
        self.tag = tag.lowercased()
    }

    /// Finds every element of the tag in `body`.
    /// - Parameters:
    ///   - body: the page as it arrived, decompressed but not decoded.
    ///   - contentType: the HTTP `Content-Type`, whose charset (if any) is one of the clues for
    ///     the encoding, after a byte-order mark and valid UTF-8.
    public func parse(_ body: [UInt8], contentType: String? = nil) -> ParsedPage {
        let decision = CharsetSniffer.sniff(body, httpCharset: ContentType(contentType).charset)
        let document = InputStream.preprocess(TextDecoder.decode(body, as: decision))
        let tree = SourceTokenizer.tree(of: document)
        // `--tag` finds elements as BeautifulSoup's `find_all` does: template contents included.
        let elements = tree.elements(intoTemplates: true).filter { node in
            // HTML names are lower case already; only SVG and MathML keep capitals (`clipPath`).
            tree[node].name == tag || (tree[node].namespace != .html && tree[node].name.lowercased() == tag)
        }.map { node in
            Element(name: tree[node].name, attributes: tree[node].attributes, text: tree.textContent(of: node))
        }
        return ParsedPage(charset: decision.charset.name, elements: elements)
    }

    /// The record of a fetched page; parsed unless `parsing` is false (fetch-only runs).
    func record(for page: FetchedPage, parsing: Bool = true) -> Record {
        var record = Record(index: page.input.index, url: page.input.url, finalURL: page.finalURL, status: page.status,
                            contentType: page.contentType, fetchMilliseconds: page.fetchMilliseconds,
                            tag: tag, error: page.error)
        guard page.error == nil else { return record }
        record.bytes = page.bytes
        guard parsing else { return record }
        let started = ContinuousClock.now
        let parsed = parse(page.body, contentType: page.contentType)
        record.elements = parsed.elements
        record.charset = parsed.charset
        record.parseMilliseconds = (ContinuousClock.now - started).seconds * 1000
        return record
    }
}
