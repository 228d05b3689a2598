/// What the fetch stage hands to the parse stage: the body and response facts, or why there is none.
struct FetchedPage: Sendable {
    var input: InputURL
    var status: Int?
    /// "1.1", "2", ... of the last response.
    var httpVersion: String?
    /// Fetched over TLS without checking the certificate (`RequestOptions.insecure`).
    var insecure = false
    var finalURL: String?
    var contentType: String?
    var body: [UInt8] = []
    /// Size of the decoded body, also when it was not kept (fetch-only runs).
    var bytes = 0
    var fetchMilliseconds: Double?
    var error: ScrapeError?
    /// The response's `X-Robots-Tag` headers (`nofollow` stops a crawl following the page's links).
    var robotsTag: String?

    /// A URL that never reached the network.
    static func failed(_ input: InputURL, _ error: ScrapeError) -> FetchedPage {
        FetchedPage(input: input, error: error)
    }
}
