import Curl
import DequeModule
import LibXML
import WHATWGURL

/// `--sitemaps`: the pages that the seed sites' sitemaps list, as more seeds.
///
/// A site's sitemaps are the `Sitemap:` lines of its robots.txt, or `/sitemap.xml` when it names
/// none; index files lead to further sitemaps, each fetched once, so an index naming itself
/// ends. Files are read with libxml2's streaming reader; gzipped ones are decompressed up to
/// `maxBytes`, so a gzip bomb stops there. Neither robots.txt nor a sitemap is a record.
struct SitemapSeeds: Sendable {
    let policy: FetchPolicy
    let cancellation: Cancellation

    /// The most a sitemap may hold, decompressed: the protocol's 50 MB, and a little more.
    static let maxBytes = 64 << 20
    /// Sitemap files read for one site, at most (an index of indexes could name many more).
    static let maxFilesPerSite = 1_000

    /// Reads the sitemaps of `origins` (`scheme://host[:port]`) on a few threads of their own,
    /// handing `found` each file's page URLs; returns when every site is done.
    func collect(from origins: [String], found: @escaping @Sendable ([WebURL]) -> Void) {
        let queue = BlockingQueue<String>(capacity: max(1, origins.count))
        for origin in origins { queue.pushNow(origin) }
        queue.close()
        let share = policy.request.makeShare(acrossThreads: true)
        let trust = CurlTrustStore(caFile: policy.request.caFile, caPath: policy.request.caPath)
        WorkerThreads.start(count: min(8, max(1, origins.count)), name: "sitemaps") { _ in
            let easy = CurlEasy(share: share, trust: trust)
            easy.shouldAbort = { cancellation.isCancelled }
            while let origin = queue.pop(), !cancellation.isCancelled {
                collect(from: origin, with: easy, found: found)
            }
        }.join()
    }

    private func collect(from origin: String, with easy: CurlEasy, found: ([WebURL]) -> Void) {
        let robots = WebURL(origin + "/robots.txt").flatMap { fetch($0, with: easy) }
        let named = robots.map { RobotsRules(parsing: $0, for: "").sitemaps } ?? []
        var files = Deque(named.isEmpty ? [origin + "/sitemap.xml"] : named)
        var read: Set<String> = []
        while let next = files.popFirst(), read.count < Self.maxFilesPerSite, !cancellation.isCancelled {
            guard let url = WebURL(next)?.withoutFragment, url.isHTTP, read.insert(url.href).inserted,
                  var body = fetch(url, with: easy)
            else { continue }
            if Gzip.isCompressed(body) {
                guard let decompressed = Gzip.decompress(body, limit: Self.maxBytes) else { continue }
                body = decompressed
            }
            let contents = SitemapReader.read(body)
            if contents.isIndex {
                files.append(contentsOf: contents.locations)
            } else {
                found(contents.locations.compactMap { WebURL($0) }.filter(\.isHTTP))
            }
        }
    }

    /// The body of `url` when it answers 2xx, whatever its type.
    private func fetch(_ url: WebURL, with easy: CurlEasy) -> [UInt8]? {
        easy.prepare(policy.siteFileRequest(for: url, maxBytes: Self.maxBytes))
        let result = easy.perform()
        let body = easy.takeBody()
        guard result.failure == nil, let status = easy.response.status, (200...299).contains(status) else { return nil }
        return body
    }
}
