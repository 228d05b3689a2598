import CCurl
import WHATWGURL

/// One libcurl easy handle, reused across transfers so its connection, DNS and TLS caches pay off.
///
/// Not thread-safe: a handle belongs to one thread at a time, as libcurl requires.
public final class CurlEasy {
    /// Response metadata readable once headers have arrived.
    public struct Response: Sendable {
        public var status: Int?
        public var effectiveURL: String?
        public var contentType: String?
        /// Seconds from a `Retry-After` header, either form.
        public var retryAfter: Double?
        /// The HTTP version of the last response: "1.0", "1.1", "2" or "3".
        public var httpVersion: String?
        /// The last response's `X-Robots-Tag` headers, joined by commas.
        public var robotsTag: String?
        /// Redirects followed so far.
        public var redirects = 0
    }

    let handle: UnsafeMutableRawPointer
    private let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
    /// `--deny-private`'s judge of this transfer's connections; nil when any address will do.
    private var privateAddresses: PrivateAddressPolicy?
    private var bodyWasChecked = false
    private var stop: CurlResult.Failure?
    /// Why we stopped, when libcurl's own message would only say that writing failed.
    private var stopMessage: String?
    private var refusal: RequestRefusal?
    /// Header and trailer bytes of the transfer so far.
    private var headerBytes = 0

    /// The body of the transfer, decoded and capped as it arrives.
    private var received = CurlBody(maxBytes: 0, keeps: false)

    /// The decoded body received so far (empty when the request did not keep it).
    public var body: [UInt8] { received.bytes }
    /// Decoded body bytes received so far, kept or not.
    public var bodyBytes: Int { received.count }

    /// Consulted once, when the first body bytes arrive; returning false abandons the body, so a
    /// PDF or an error page is not downloaded only to be thrown away.
    public var responseCheck: ((Response) -> Bool)?

    /// Polled during a blocking `perform()` (about once a second when idle); returning true
    /// ends the transfer with `.abortedByCaller`. Lets Ctrl-C stop a thread stuck on a slow server.
    public var shouldAbort: (() -> Bool)?

    /// Consulted before each request of a transfer goes out, the first and every redirect hop's,
    /// with the URL it asks for (set it before `prepare`). A refusal stops the request: the
    /// transfer ends with `.requestRefused`, the refusal's message and the refusal itself in
    /// `CurlResult.refusal`, before a byte of it is sent.
    public var requestCheck: ((String) -> RequestRefusal?)?

    /// Free for the owner: lets a multi loop find its own state for a finished handle.
    public var owner: AnyObject?

    /// Cookies, names and TLS sessions this handle has in common with others; held, so that it
    /// outlives the handle.
    private let share: CurlShare?
    private let trust: CurlTrustStore?
    private let headerLines = CurlStringList()
    private let resolveEntries = CurlStringList()

    /// - Parameters:
    ///   - share: cookies, names and TLS sessions in common with other handles.
    ///   - trust: the CA certificates to verify peers against, already parsed; nil for
    ///     libcurl's own defaults.
    public init(share: CurlShare? = nil, trust: CurlTrustStore? = nil) {
        _ = CurlGlobal.initialized
        handle = curl_easy_init()!
        self.share = share
        self.trust = trust
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        // curl_easy_reset keeps the share, so it is set once, not per transfer.
        if let share { _ = scrape_easy_setopt_pointer(handle, CURLOPT_SHARE, share.handle) }
    }

    deinit {
        curl_easy_cleanup(handle)
        errorBuffer.deallocate()
    }

    /// Sets every option of `request`; earlier per-transfer state is cleared, cached connections kept.
    public func prepare(_ request: CurlRequest) {
        received = CurlBody(maxBytes: request.maxBodyBytes, keeps: request.keepsBody)
        bodyWasChecked = false
        stop = nil
        stopMessage = nil
        refusal = nil
        headerBytes = 0
        errorBuffer[0] = 0
        curl_easy_reset(handle)
        setLong(CURLOPT_NOSIGNAL, 1)
        setString(CURLOPT_URL, request.url)
        setString(CURLOPT_PROTOCOLS_STR, request.protocols)
        setString(CURLOPT_REDIR_PROTOCOLS_STR, request.protocols)
        setLong(CURLOPT_FOLLOWLOCATION, 1)
        setLong(CURLOPT_MAXREDIRS, request.maxRedirects)
        setLong(CURLOPT_TIMEOUT_MS, Self.milliseconds(request.timeout))
        setLong(CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(request.connectTimeout))
        setString(CURLOPT_USERAGENT, request.userAgent)
        // We decode the body ourselves (see ContentDecoder), so we offer only what we can decode.
        setString(CURLOPT_ACCEPT_ENCODING, "gzip, deflate, br")
        setLong(CURLOPT_HTTP_CONTENT_DECODING, 0)
        setLong(CURLOPT_BUFFERSIZE, 64 * 1024)
        setRequestOptions(request)
        _ = scrape_easy_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer)
        _ = scrape_easy_setopt_pointer(handle, CURLOPT_PRIVATE, Unmanaged.passUnretained(self).toOpaque())
        _ = scrape_easy_setopt_pointer(handle, CURLOPT_WRITEDATA, Unmanaged.passUnretained(self).toOpaque())
        _ = scrape_easy_setopt_data_callback(handle, CURLOPT_WRITEFUNCTION) { data, size, count, context in
            let easy = Unmanaged<CurlEasy>.fromOpaque(context!).takeUnretainedValue()
            return easy.receive(UnsafeRawBufferPointer(start: data, count: size * count))
        }
        privateAddresses = request.deniesPrivateAddresses ? PrivateAddressPolicy(proxyEndpoints: ProxyAddresses.of(request)) : nil
        if privateAddresses != nil || requestCheck != nil {
            _ = scrape_easy_setopt_pointer(handle, CURLOPT_PREREQDATA, Unmanaged.passUnretained(self).toOpaque())
            _ = scrape_easy_setopt_prereq_callback(handle) { context, address, _, port, _ in
                let easy = Unmanaged<CurlEasy>.fromOpaque(context!).takeUnretainedValue()
                return easy.beforeRequest(to: address.map { String(cString: $0) } ?? "", port: Int(port))
            }
        }
        _ = scrape_easy_setopt_pointer(handle, CURLOPT_HEADERDATA, Unmanaged.passUnretained(self).toOpaque())
        _ = scrape_easy_setopt_data_callback(handle, CURLOPT_HEADERFUNCTION) { _, size, count, context in
            let easy = Unmanaged<CurlEasy>.fromOpaque(context!).takeUnretainedValue()
            return easy.receiveHeader(size * count)
        }
        if shouldAbort != nil {
            setLong(CURLOPT_NOPROGRESS, 0)
            _ = scrape_easy_setopt_pointer(handle, CURLOPT_XFERINFODATA, Unmanaged.passUnretained(self).toOpaque())
            _ = scrape_easy_setopt_progress_callback(handle) { context, _, _, _, _ in
                let easy = Unmanaged<CurlEasy>.fromOpaque(context!).takeUnretainedValue()
                if easy.shouldAbort?() == true {
                    easy.stop = .abortedByCaller
                    return 1
                }
                return 0
            }
        }
    }

    /// What a request carries besides its URL and limits: headers, cookies, proxy, TLS, version.
    private func setRequestOptions(_ request: CurlRequest) {
        _ = scrape_easy_setopt_pointer(handle, CURLOPT_HTTPHEADER, headerLines.holding(request.headers))
        _ = scrape_easy_setopt_pointer(handle, CURLOPT_RESOLVE, resolveEntries.holding(request.resolve))
        if let cookie = request.cookie { setString(CURLOPT_COOKIE, cookie) }
        // An empty file name turns the cookie engine on without reading a file.
        if request.usesCookieJar { setString(CURLOPT_COOKIEFILE, "") }
        if let proxy = request.proxy { setString(CURLOPT_PROXY, proxy) }
        if let noProxy = request.noProxy { setString(CURLOPT_NOPROXY, noProxy) }
        if !request.verifiesPeer {
            setLong(CURLOPT_SSL_VERIFYPEER, 0)
            setLong(CURLOPT_SSL_VERIFYHOST, 0)
        } else if let trust {
            trust.use(on: handle)
        }
        switch request.httpVersion {
        case .automatic: setLong(CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_2TLS))
        case .http1_1: setLong(CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_1_1))
        case .http2: setLong(CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_2_0))
        }
        // Transfers to a TLS host whose connection is still being set up wait to learn whether
        // it multiplexes (HTTP/2, told in the handshake) rather than each opening a connection.
        // Not on plain http, where a slow response would hold up every transfer to its host.
        if request.httpVersion != .http1_1, request.url.hasPrefix("https:") { setLong(CURLOPT_PIPEWAIT, 1) }
    }

    /// libcurl's pre-request callback: connected to `address`, about to send a request.
    private func beforeRequest(to address: String, port: Int) -> Int32 {
        if let refusal = privateAddresses?.refusal(connectedTo: address, port: port, url: string(CURLINFO_EFFECTIVE_URL) ?? "") {
            stop = .privateAddress
            stopMessage = refusal + ", a loopback, private, link-local or metadata address (--deny-private)"
            return Int32(CURL_PREREQFUNC_ABORT)
        }
        if let requestCheck, let refusal = requestCheck(string(CURLINFO_EFFECTIVE_URL) ?? "") {
            stop = .requestRefused
            stopMessage = refusal.message
            self.refusal = refusal
            return Int32(CURL_PREREQFUNC_ABORT)
        }
        return CURL_PREREQFUNC_OK
    }

    /// Reads a cookie file into the jar of this handle's share (see `CurlShare.loadCookies`).
    func loadCookies(fromFile path: String) -> Bool {
        setString(CURLOPT_COOKIEFILE, path)
        return scrape_easy_setopt_string(handle, CURLOPT_COOKIELIST, "RELOAD") == CURLE_OK
    }

    /// Runs the prepared transfer on the calling thread.
    public func perform() -> CurlResult {
        result(for: curl_easy_perform(handle))
    }

    public var response: Response {
        var retryAfter: curl_off_t = 0
        _ = scrape_easy_getinfo_off(handle, CURLINFO_RETRY_AFTER, &retryAfter)
        var redirects = 0
        _ = scrape_easy_getinfo_long(handle, CURLINFO_REDIRECT_COUNT, &redirects)
        return Response(status: status, effectiveURL: string(CURLINFO_EFFECTIVE_URL), contentType: string(CURLINFO_CONTENT_TYPE),
                        retryAfter: retryAfter > 0 ? Double(retryAfter) : nil, httpVersion: httpVersion,
                        robotsTag: headerList("X-Robots-Tag"), redirects: redirects)
    }

    private var httpVersion: String? {
        var version = 0
        _ = scrape_easy_getinfo_long(handle, CURLINFO_HTTP_VERSION, &version)
        switch version {
        case Int(CURL_HTTP_VERSION_1_0): return "1.0"
        case Int(CURL_HTTP_VERSION_1_1): return "1.1"
        case Int(CURL_HTTP_VERSION_2_0): return "2"
        case Int(CURL_HTTP_VERSION_3): return "3"
        default: return nil
        }
    }

    /// Seconds the last transfer took, redirects included.
    public var totalTime: Double {
        var micros: curl_off_t = 0
        _ = scrape_easy_getinfo_off(handle, CURLINFO_TOTAL_TIME_T, &micros)
        return Double(micros) / 1_000_000
    }

    /// Releases the memory of the last body once the caller has taken it.
    public func takeBody() -> [UInt8] {
        received.take()
    }

    func result(for code: CURLcode) -> CurlResult {
        let truncation = received.finish()
        if code == CURLE_OK {
            return truncation.map { CurlResult(failure: .badContentEncoding, message: $0) } ?? .success
        }
        let detail = String(cString: errorBuffer)
        let summary = String(cString: curl_easy_strerror(code))
        let message = detail.isEmpty ? summary : detail
        if let stop { return CurlResult(failure: stop, message: stopMessage ?? message, refusal: refusal) }
        // libcurl 7.88 reports a header line over its 100 KB limit as running out of memory.
        if code == CURLE_OUT_OF_MEMORY, !bodyWasChecked { return CurlResult(failure: .headersTooLarge, message: message) }
        let failure = CurlResult.Failure(code: code, message: message)
        return CurlResult(failure: failure, message: failure == .tls ? CurlResult.tlsMessage(for: code, message) : message)
    }

    private var status: Int? {
        var code = 0
        _ = scrape_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &code)
        return code == 0 ? nil : code
    }

    /// All header and trailer lines of one transfer, redirects included, may hold this much:
    /// libcurl bounds each header line and the headers, but not the trailers after a chunked
    /// body, which a hostile server can send forever (libcurl keeps them for `curl_easy_header`).
    public static let maxHeaderBytes = 512 * 1024

    /// libcurl's header callback, for status lines, headers and trailers alike: only counted.
    private func receiveHeader(_ count: Int) -> Int {
        headerBytes += count
        return headerBytes <= Self.maxHeaderBytes ? count : stopping(.headersTooLarge)
    }

    /// libcurl's write callback: the raw body, still in its content coding.
    /// Returning a short count makes libcurl end the transfer (CURLE_WRITE_ERROR, then `stop`).
    private func receive(_ chunk: UnsafeRawBufferPointer) -> Int {
        if !bodyWasChecked {
            bodyWasChecked = true
            if let responseCheck, !responseCheck(response) {
                return stopping(.refusedByCaller)
            }
            // Two lengths for one body make the reply malformed (RFC 9110, 8.6); libcurl takes one.
            let lengths = Set((headerList("Content-Length") ?? "").split(separator: ",").map { $0.filter { $0 != " " && $0 != "\t" } })
            if lengths.count > 1 {
                return stopping(.notHTTP, "conflicting Content-Length headers (\(lengths.sorted().joined(separator: ", ")))")
            }
            var declared: curl_off_t = -1
            let length = scrape_easy_getinfo_off(handle, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &declared) == CURLE_OK && declared > 0
                ? Int(declared) : nil
            if let (failure, message) = received.start(contentEncoding: headerList("Content-Encoding") ?? "", declaredLength: length) {
                return stopping(failure, message)
            }
        }
        switch received.feed(chunk) {
        case .more: return chunk.count
        case .tooLarge: return stopping(.bodyTooLarge)
        case .invalid(let message): return stopping(.badContentEncoding, message)
        }
    }

    private func stopping(_ failure: CurlResult.Failure, _ message: String? = nil) -> Int {
        stop = failure
        stopMessage = message
        return 0
    }

    /// Every value of a response header of the final response, joined with commas as HTTP
    /// joins a repeated list header; nil when absent.
    private func headerList(_ name: String) -> String? {
        var values: [String] = []
        var index = 0
        var amount = 1
        while index < amount {
            var found: UnsafeMutablePointer<curl_header>?
            guard curl_easy_header(handle, name, index, UInt32(CURLH_HEADER), -1, &found) == CURLHE_OK,
                  let header = found?.pointee, let value = header.value else { break }
            values.append(String(cString: value))
            amount = header.amount
            index += 1
        }
        return values.isEmpty ? nil : values.joined(separator: ", ")
    }

    private func setLong(_ option: CURLoption, _ value: Int) {
        _ = scrape_easy_setopt_long(handle, option, value)
    }

    private func setString(_ option: CURLoption, _ value: String) {
        _ = scrape_easy_setopt_string(handle, option, value) // libcurl copies string options
    }

    func string(_ info: CURLINFO) -> String? {
        var value: UnsafePointer<CChar>?
        guard scrape_easy_getinfo_string(handle, info, &value) == CURLE_OK, let value else { return nil }
        return String(cString: value)
    }

    /// A duration as libcurl's whole milliseconds, at least one (0 would mean "no timeout"), at
    /// most a year.
    private static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        let year: Int64 = 365 * 86_400
        return max(1, Int(min(max(seconds, 0), year)) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
    }
}
