import Curl

/// Turns a libcurl outcome into a fetched page, a retry, or a failure record: the one place where
/// the fetch rules (status, content type, size, retries) are applied, whichever runner ran it.
struct Transfer {
    let policy: FetchPolicy
    /// What this run's handles share (see `RequestOptions.makeShare`).
    let share: CurlShare?
    /// The CA certificates every handle of the run verifies against, parsed once.
    let trust: CurlTrustStore

    /// - Parameter acrossThreads: whether transfers run on several threads, each blocking on its
    ///   own handle, rather than on one multi handle, which shares names and sessions itself.
    init(policy: FetchPolicy, acrossThreads: Bool) {
        self.policy = policy
        share = policy.request.makeShare(acrossThreads: acrossThreads)
        trust = CurlTrustStore(caFile: policy.request.caFile, caPath: policy.request.caPath)
    }

    /// A handle for this run's transfers.
    func makeEasy() -> CurlEasy {
        CurlEasy(share: share, trust: trust)
    }

    enum Outcome {
        case done(FetchedPage)
        case retry(Attempt, after: Double)
    }

    /// Readies `easy` for `attempt`; the response check stops unwanted bodies at the first byte.
    func prepare(_ easy: CurlEasy, for attempt: Attempt) {
        easy.prepare(policy.curlRequest(for: attempt.target))
        easy.responseCheck = { response in Self.rejection(of: response) == nil }
    }

    func finish(_ easy: CurlEasy, _ result: CurlResult, attempt: Attempt) -> Outcome {
        let response = easy.response
        var page = FetchedPage(input: attempt.input, status: response.status, finalURL: response.effectiveURL,
                               contentType: response.contentType, fetchMilliseconds: easy.totalTime * 1000)
        page.httpVersion = response.httpVersion
        // Unchecked TLS touched the page if the URL, or where its redirects led, is https.
        page.insecure = policy.request.insecure
            && (attempt.target.scheme == "https" || response.effectiveURL.flatMap(FetchPolicy.scheme(of:)) == "https")
        if let failure = result.failure, failure != .refusedByCaller {
            page.error = Self.error(for: failure, message: result.message, policy: policy)
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
        case .refusedByCaller, .other: ScrapeError(.io, message)
        }
    }
}
