import Curl
import WHATWGURL

/// Turns a libcurl outcome into a fetched page, a retry, or a failure record: the one place where
/// the fetch rules (status, content type, size, retries, robots.txt on every redirect hop) are
/// applied, whichever runner ran it.
struct Transfer {
    let policy: FetchPolicy
    /// What this run's handles share (see `RequestOptions.makeShare`).
    let share: CurlShare?
    /// The CA certificates every handle of the run verifies against (`RequestOptions.caFile`,
    /// `caPath`), parsed once.
    let trust: CurlTrustStore
    /// The robots.txt of every site the run's requests reach, when it obeys them.
    let robots: RobotsCache?
    /// Threaded runners wait for a redirect target's robots.txt; the async loop never waits.
    private let waitsForRobots: Bool
    private let cancellation: Cancellation

    /// - Parameters:
    ///   - acrossThreads: whether transfers run on several threads, each blocking on its own
    ///     handle, rather than on one multi handle, which shares names and sessions itself.
    ///   - onRobotsReady: called (on a robots thread) each time a site's rules arrive.
    init(policy: FetchPolicy, acrossThreads: Bool, cancellation: Cancellation, onRobotsReady: @escaping @Sendable () -> Void = {}) {
        self.policy = policy
        self.cancellation = cancellation
        waitsForRobots = acrossThreads
        let share = policy.request.makeShare(acrossThreads: acrossThreads)
        let trust = CurlTrustStore(caFile: policy.request.caFile, caPath: policy.request.caPath)
        (self.share, self.trust) = (share, trust)
        robots = policy.obeysRobots
            ? RobotsCache(policy: policy, cancellation: cancellation, makeHandle: { CurlEasy(share: share, trust: trust) }, onReady: onRobotsReady)
            : nil
    }

    /// A handle for this run's transfers.
    func makeEasy() -> CurlEasy {
        CurlEasy(share: share, trust: trust)
    }

    enum Outcome {
        case done(FetchedPage)
        case retry(Attempt, after: Double)
    }

    /// Readies `easy` for `attempt`; the response check stops unwanted bodies at the first byte,
    /// and the request check stops a redirect hop the run does not take: one the target site's
    /// robots.txt disallows, or one a crawl's `RedirectGuard` refuses.
    func prepare(_ easy: CurlEasy, for attempt: Attempt) {
        let (robots, redirects) = (self.robots, policy.redirectGuard)
        let keepsHeaders = !policy.request.headersFollowRedirects && !policy.request.headers.isEmpty && !attempt.leftFirstHost
        var previous: String?
        easy.requestCheck = robots == nil && redirects == nil && !keepsHeaders ? nil : { url in
            // The first request was vetted before the transfer started; this is for the
            // redirects, whose targets are known only as they come. libcurl asks before every
            // request, also when it sends one again (a closed keep-alive connection, a refused
            // HTTP/2 stream): only a URL other than the last one asked for is a hop.
            defer { previous = url }
            guard let previous, previous != url, let hop = WebURL(url) else { return nil }
            if let refusal = redirects?.refusal(of: hop, redirecting: attempt) {
                return RequestRefusal(reason: refusal.kind.rawValue, message: refusal.message)
            }
            if let refusal = robots.flatMap({ robotsRefusal(of: hop, robots: $0) }) { return refusal }
            guard keepsHeaders, hop.origin != attempt.target.origin else { return nil }
            return RequestRefusal(reason: Self.leavingFirstHost, message: "redirected to \(hop.origin)")
        }
        easy.prepare(policy.curlRequest(for: attempt))
        easy.responseCheck = { response in Self.rejection(of: response) == nil }
    }

    /// Why the site of `target`, a request of a redirect chain, does not let us ask for it; nil
    /// when it does.
    private func robotsRefusal(of target: WebURL, robots: RobotsCache) -> RequestRefusal? {
        let verdict = waitsForRobots ? robots.waitForVerdict(for: target, cancellation: cancellation) : robots.verdict(for: target)
        switch verdict {
        case .allowed: return nil
        case .disallowed(let error):
            return RequestRefusal(reason: ErrorKind.robots.rawValue, message: "redirected to \(target.href): \(error.message)")
        case .pending:
            return RequestRefusal(reason: Self.awaitingRobots, message: "waiting for \(target.origin)/robots.txt")
        }
    }

    /// The refusal of a redirect hop whose site's robots.txt has not arrived yet.
    private static let awaitingRobots = "awaiting robots.txt"
    /// The refusal of a redirect hop to another origin, which the run's headers may not reach.
    private static let leavingFirstHost = "leaving the first host"

    func finish(_ easy: CurlEasy, _ result: CurlResult, attempt: Attempt) -> Outcome {
        let response = easy.response
        var page = FetchedPage(input: attempt.input, status: response.status, finalURL: response.effectiveURL,
                               contentType: response.contentType, fetchMilliseconds: easy.totalTime * 1000)
        page.httpVersion = response.httpVersion
        page.robotsTag = response.robotsTag
        // Unchecked TLS touched the page if the URL, or where its redirects led, is https.
        page.insecure = policy.request.insecure
            && (attempt.target.scheme == "https" || response.effectiveURL.flatMap(FetchPolicy.scheme(of:)) == "https")
        if result.failure == .requestRefused, result.refusal?.reason == Self.awaitingRobots,
           let hop = response.effectiveURL.flatMap({ WebURL($0) }) {
            // A redirect led to a site whose robots.txt had not arrived: once it has, try again.
            // (Judged by the refusal, not by asking again: the rules may have arrived since.)
            var next = attempt
            next.awaitingRobots = hop
            return .retry(next, after: 0)
        }
        if result.failure == .requestRefused, result.refusal?.reason == Self.leavingFirstHost,
           let hop = response.effectiveURL.flatMap({ WebURL($0) }) {
            // The redirect goes on as a request of its own, without the run's headers.
            var next = attempt
            next.target = hop
            next.leftFirstHost = true
            next.redirectsFollowed += response.redirects
            next.robotsAllowed = true // the request check let the hop through robots.txt
            return .retry(next, after: 0)
        }
        if let failure = result.failure, failure != .refusedByCaller {
            page.error = Self.error(for: failure, message: result.message, policy: policy)
            if let refusal = result.refusal, let kind = ErrorKind.known.first(where: { $0.rawValue == refusal.reason }) { page.error?.kind = kind }
        } else {
            page.error = Self.rejection(of: response)
        }
        guard let error = page.error else {
            page.bytes = easy.bodyBytes
            page.body = easy.takeBody()
            return .done(page)
        }
        _ = easy.takeBody()
        if let delay = policy.retryDelay(after: error, status: page.status, retryAfter: response.retryAfter, attempt: attempt.number) {
            var next = attempt
            next.number += 1
            return .retry(next, after: delay)
        }
        return .done(page)
    }

    /// Why a response is not a page to parse, judged from its headers alone.
    static func rejection(of response: CurlEasy.Response) -> ScrapeError? {
        if let status = response.status, !(200...299).contains(status) {
            return ScrapeError(.httpStatus, "HTTP \(status)")
        }
        let type = ContentType(response.contentType)
        if !type.isHTMLOrUnknown {
            return ScrapeError(.notHTML, "content type \(type.mediaType) is not HTML")
        }
        return nil
    }

    static func error(for failure: CurlResult.Failure, message: String, policy: FetchPolicy) -> ScrapeError {
        switch failure {
        case .dns: ScrapeError(.dns, message)
        case .connect: ScrapeError(.connect, message)
        case .timeout: ScrapeError(.timeout, message)
        case .tls: ScrapeError(.tls, message)
        case .tooManyRedirects: ScrapeError(.tooManyRedirects, "more than \(policy.maxRedirects) redirects")
        case .unsupportedProtocol: ScrapeError(.unsupportedScheme, "redirect to a scheme other than http or https: \(message)")
        case .malformedURL: ScrapeError(.invalidURL, message)
        case .badContentEncoding: ScrapeError(.decode, "body could not be decompressed: \(message)")
        case .bodyTooLarge: ScrapeError(.tooLarge, "body larger than \(policy.maxBytes) bytes")
        case .headersTooLarge: ScrapeError(.tooLarge, "response headers and trailers larger than \(CurlEasy.maxHeaderBytes) bytes, or one header line larger than libcurl accepts")
        case .privateAddress: ScrapeError(.privateAddress, message)
        case .notHTTP: ScrapeError(.badResponse, "the reply is not HTTP (no status line, or a malformed one): \(message)")
        case .abortedByCaller: ScrapeError(.interrupted, "stopped before the transfer finished")
        case .requestRefused: ScrapeError(.robots, message)
        case .refusedByCaller, .other: ScrapeError(.io, message)
        }
    }
}
