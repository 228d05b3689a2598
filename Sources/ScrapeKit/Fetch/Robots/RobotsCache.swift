import Curl
import Foundation
import WHATWGURL

/// robots.txt for `--robots`: fetched once per site, on threads of its own, and kept for the run.
///
/// The async runner asks without blocking and is woken when a site's answer arrives; the
/// threaded runners wait for it. How a missing robots.txt reads follows RFC 9309: a 4xx status
/// allows everything; a 5xx or a timeout disallows everything until the run ends. A site that
/// cannot be reached at all (DNS, refused connection) is left to the page fetch, whose record
/// then names the real failure.
final class RobotsCache: @unchecked Sendable {
    enum Verdict: Equatable {
        case allowed
        case disallowed(ScrapeError)
        case pending
    }

    private enum Entry {
        case fetching
        case ready(RobotsRules)
    }

    private let policy: FetchPolicy
    private let agent: String
    private let onReady: @Sendable () -> Void
    private let condition = NSCondition()
    private var entries: [String: Entry] = [:]
    /// Each host's `Crawl-delay`, capped at `maxCrawlDelay`, once its robots.txt has arrived.
    private var crawlDelays: [String: Duration] = [:]

    /// The longest `Crawl-delay` obeyed: a larger one (`Crawl-delay: 100000`) counts as this,
    /// or a site of a thousand pages would take days.
    static let maxCrawlDelay = Duration.seconds(10)
    private let origins = BlockingQueue<String>(capacity: 1 << 16)
    private var threads: WorkerThreads?

    /// - Parameters:
    ///   - makeHandle: a handle like the run's others (its cookies, TLS trust), for robots.txt.
    ///   - onReady: called (on a robots thread) each time a site's rules arrive.
    init(policy: FetchPolicy, cancellation: Cancellation, makeHandle: @escaping @Sendable () -> CurlEasy,
         onReady: @escaping @Sendable () -> Void) {
        self.policy = policy
        self.onReady = onReady
        // The product token, as Google reads a user agent: `scrape` of `scrape/0.1.0 (libcurl)`.
        agent = String(RobotsRules.productToken(policy.userAgent))
        cancellation.whenCancelled { [condition] in condition.withLock { condition.broadcast() } }
        threads = WorkerThreads.start(count: 4, name: "robots") { [self] _ in
            let easy = makeHandle()
            easy.shouldAbort = { cancellation.isCancelled }
            while let origin = origins.pop() {
                let rules = fetchRules(of: origin, with: easy)
                condition.withLock {
                    entries[origin] = .ready(rules)
                    if let delay = rules.crawlDelay, let host = WebURL(origin)?.hostname {
                        crawlDelays[host] = Self.spacing(forCrawlDelay: delay)
                    }
                    condition.broadcast()
                }
                self.onReady()
            }
        }
    }

    /// No more questions will come: returns once the robots threads have finished their fetches
    /// (at once when the run was cancelled, which aborts them) and ended.
    func close() {
        origins.close()
        threads?.join()
    }

    /// The spacing a `Crawl-delay` of `seconds` gives: fractions count, and `maxCrawlDelay` caps it.
    static func spacing(forCrawlDelay seconds: Double) -> Duration {
        min(maxCrawlDelay, .milliseconds(Int64((min(seconds, 86_400) * 1000).rounded())))
    }

    /// The spacing `host`'s robots.txt asks between the starts of requests, if it asks one.
    func crawlDelay(forHost host: String) -> Duration? {
        condition.withLock { crawlDelays[host] }
    }

    /// `crawlDelay(forHost:)` as a function, for the runners' host schedulers.
    var spacing: @Sendable (String) -> Duration? {
        { [self] host in crawlDelay(forHost: host) }
    }

    /// The verdict if the site's rules are known; otherwise `.pending`, and they are fetched.
    func verdict(for target: WebURL) -> Verdict {
        condition.withLock { verdictLocked(for: target) }
    }

    /// The verdict, waiting for the site's rules if need be; `.pending` only after a cancel.
    func waitForVerdict(for target: WebURL, cancellation: Cancellation) -> Verdict {
        condition.withLock {
            var verdict = verdictLocked(for: target)
            while verdict == .pending && !cancellation.isCancelled {
                condition.wait()
                verdict = verdictLocked(for: target)
            }
            return verdict
        }
    }

    private func verdictLocked(for target: WebURL) -> Verdict {
        switch entries[target.origin] {
        case .ready(let rules):
            guard !rules.allows(target.pathAndQuery) else { return .allowed }
            return .disallowed(ScrapeError(.robots, "\(target.origin)/robots.txt disallows this URL for \(agent)"))
        case .fetching:
            return .pending
        case nil:
            entries[target.origin] = .fetching
            origins.pushNow(target.origin)
            return .pending
        }
    }

    /// A capped robots.txt up to its last line end. RFC 9309 lets a crawler read only the first
    /// 500 KiB or more; the line the cap cut through is dropped, or `Disallow: /private` could
    /// become `Disallow: /`.
    static func wholeLines(of body: [UInt8]) -> [UInt8] {
        guard let end = body.lastIndex(where: { $0 == 0x0A || $0 == 0x0D }) else { return [] }
        return Array(body[...end])
    }

    private func fetchRules(of origin: String, with easy: CurlEasy) -> RobotsRules {
        guard let url = WebURL(origin + "/robots.txt") else { return .allowAll }
        easy.prepare(policy.siteFileRequest(for: url, maxBytes: 512 * 1024))
        let result = easy.perform()
        var body = easy.takeBody()
        switch result.failure {
        case nil:
            break
        case .bodyTooLarge?:
            body = Self.wholeLines(of: body)
        case .timeout?:
            return .disallowAll
        default:
            return .allowAll
        }
        switch easy.response.status ?? 0 {
        case 200...299: return RobotsRules(parsing: body, for: agent)
        case 500...599: return .disallowAll
        default: return .allowAll
        }
    }
}
