/// The parse stage for one page: charset detection, decoding to UTF-8, element extraction.
struct PageParser: Sendable {
    let extractor: ElementExtractor

    init(tag: String) {
        extractor = ElementExtractor(tag: tag)
    }

    func record(for page: FetchedPage) -> Record {
        var record = Record(index: page.input.index, url: page.input.url, finalURL: page.finalURL, status: page.status,
                            contentType: page.contentType, fetchMilliseconds: page.fetchMilliseconds,
                            tag: extractor.tag, error: page.error)
        guard page.error == nil else { return record }
        let started = ContinuousClock.now
        let decision = CharsetSniffer.sniff(page.body, httpCharset: ContentType(page.contentType).charset)
        let document = InputStream.preprocess(TextDecoder.decode(page.body, as: decision))
        record.elements = extractor.extract(from: document)
        record.charset = decision.charset.name
        record.bytes = page.body.count
        let elapsed = ContinuousClock.now - started
        record.parseMilliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        return record
    }
}
