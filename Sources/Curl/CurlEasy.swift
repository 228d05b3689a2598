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
    private var maxBodyBytes = 0
    private var deniesPrivateAddresses = false
    /// Where the proxies this transfer may use listen: a connection there is to the proxy, which
    /// `deniesPrivateAddresses` allows, checking the URL's host instead.
    private var proxyEndpoints: Set<ProxyAddresses.Endpoint> = []
    private var keepsBody = true
    private var bodyWasChecked = false
    private var stop: CurlResult.Failure?
    /// Why we stopped, when libcurl's own message would only say that writing failed.
    private var stopMessage: String?
    private var refusal: RequestRefusal?
    /// The body's content codings, undone in this order (the last one applied first).
    private var decoders: [ContentDecoder] = []
    /// Header and trailer bytes of the transfer so far.
    private var headerBytes = 0

    /// The decoded body received so far (empty when the request did not keep it).
    public private(set) var body: [UInt8] = []
    /// Decoded body bytes received so far, kept or not.
    public private(set) var bodyBytes = 0

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
        body = []
        bodyBytes = 0
        keepsBody = request.keepsBody
        bodyWasChecked = false
        stop = nil
        stopMessage = nil
        refusal = nil
        decoders = []
        headerBytes = 0
        errorBuffer[0] = 0
        maxBodyBytes = request.maxBodyBytes
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
        if request.deniesPrivateAddresses || requestCheck != nil {
            deniesPrivateAddresses = request.deniesPrivateAddresses
            proxyEndpoints = request.deniesPrivateAddresses ? ProxyAddresses.of(request) : []
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
        if deniesPrivateAddresses, let refusal = privateAddressRefusal(connectedTo: address, port: port) {
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

    /// Why the request about to go over a connection to `address` and `port` is refused, if it
    /// is. Through a proxy the connection is the proxy's (its address and its port: any other
    /// port there is a target like any other), and the proxy resolves the target's name, so what
    /// can be checked is the URL's host: an address or a name for this machine.
    private func privateAddressRefusal(connectedTo address: String, port: Int) -> String? {
        let canonical = IPAddressRange.canonical(address) ?? address
        guard proxyEndpoints.contains(ProxyAddresses.Endpoint(address: canonical, port: port)) else {
            return IPAddressRange.isPrivate(address) ? "refused to connect to \(address)" : nil
        }
        guard let host = WebURL(string(CURLINFO_EFFECTIVE_URL) ?? "")?.host?.bare,
              IPAddressRange.isPrivate(host) || IPAddressRange.isLocalName(host)
        else { return nil }
        return "refused to fetch \(host) through the proxy"
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
                        robotsTag: header(named: "X-Robots-Tag"), redirects: redirects)
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
        defer { body = [] }
        return body
    }

    func result(for code: CURLcode) -> CurlResult {
        // The decoder's state (a zlib window, brotli's tables) is not kept on an idle handle.
        let chain = decoders
        decoders = []
        if code == CURLE_OK {
            guard chain.first?.hasInput == true, let open = chain.first(where: { !$0.isComplete }) else { return .success }
            return CurlResult(failure: .badContentEncoding,
                              message: "the \(open.coding.rawValue) stream of the body ends early: the body is truncated")
        }
        let detail = String(cString: errorBuffer)
        let summary = String(cString: curl_easy_strerror(code))
        let message = detail.isEmpty ? summary : detail
        if let stop { return CurlResult(failure: stop, message: stopMessage ?? message, refusal: refusal) }
        // libcurl 7.88 reports a header line over its 100 KB limit as running out of memory.
        if code == CURLE_OUT_OF_MEMORY, !bodyWasChecked { return CurlResult(failure: .headersTooLarge, message: message) }
        let failure = Self.failure(for: code, message: message)
        return CurlResult(failure: failure, message: failure == .tls ? Self.tlsMessage(for: code, message) : message)
    }

    /// libcurl's TLS messages name the library ("SSL certificate problem: ..."); ours say which
    /// step failed first, so a record reads "certificate verify failed: certificate has expired".
    private static func tlsMessage(for code: CURLcode, _ message: String) -> String {
        var detail = Substring(message)
        for prefix in ["SSL certificate problem: ", "SSL: "] where detail.hasPrefix(prefix) {
            detail = detail.dropFirst(prefix.count)
        }
        let step = switch code {
        case CURLE_PEER_FAILED_VERIFICATION where detail.contains("host name") || detail.contains("does not match"):
            "hostname mismatch"
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_PINNEDPUBKEYNOTMATCH:
            "certificate verify failed"
        case CURLE_SSL_CACERT_BADFILE:
            "the CA certificates could not be read"
        case CURLE_SSL_CERTPROBLEM:
            "the client certificate could not be used"
        default:
            "TLS handshake failed"
        }
        return "\(step): \(detail)"
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
            let lengths = Set(headerList("Content-Length").split(separator: ",").map { $0.filter { $0 != " " && $0 != "\t" } })
            if lengths.count > 1 {
                return stopping(.notHTTP, "conflicting Content-Length headers (\(lengths.sorted().joined(separator: ", ")))")
            }
            switch ContentDecoder.codings(forHeader: headerList("Content-Encoding")) {
            case .failure(let error):
                return stopping(.badContentEncoding, error.message)
            case .success(let codings):
                for coding in codings.reversed() {
                    guard let made = ContentDecoder(coding) else { return stopping(.other, "out of memory") }
                    decoders.append(made)
                }
            }
            reserveDeclaredLength()
        }
        switch ContentDecoder.feed(chunk, through: decoders[...], sink: keep) {
        case (.more, _), (.complete, _): return chunk.count
        case (.invalid, let failed): return stopping(.badContentEncoding, "the body is not valid \(failed?.coding.rawValue ?? "")")
        case (.stopped, _): return 0
        }
    }

    /// Makes room for the whole body when its length is declared and is what we keep, so a page
    /// of 200 kB is not copied a dozen times as it grows. A lying `Content-Length` costs nothing
    /// beyond the cap, and untouched pages of a reservation are not resident.
    private func reserveDeclaredLength() {
        var length: curl_off_t = -1
        guard keepsBody, decoders.isEmpty,
              scrape_easy_getinfo_off(handle, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length) == CURLE_OK, length > 0
        else { return }
        body.reserveCapacity(min(Int(length), maxBodyBytes))
    }

    /// Takes decoded body bytes, within the cap.
    private func keep(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bodyBytes + bytes.count <= maxBodyBytes else {
            // The body keeps exactly its first maxBodyBytes, however the bytes were chunked, so
            // what a capped body holds (a robots.txt read up to its cap) is the same every run.
            if keepsBody { body.append(contentsOf: bytes.prefix(maxBodyBytes - bodyBytes)) }
            bodyBytes = maxBodyBytes
            stop = .bodyTooLarge
            return false
        }
        bodyBytes += bytes.count
        if keepsBody { body.append(contentsOf: bytes) }
        return true
    }

    private func stopping(_ failure: CurlResult.Failure, _ message: String? = nil) -> Int {
        stop = failure
        stopMessage = message
        return 0
    }

    /// Every value of a response header of the final response, joined with commas as HTTP
    /// joins a repeated list header; "" when absent.
    private func headerList(_ name: String) -> String {
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
        return values.joined(separator: ", ")
    }

    private func setLong(_ option: CURLoption, _ value: Int) {
        _ = scrape_easy_setopt_long(handle, option, value)
    }

    private func setString(_ option: CURLoption, _ value: String) {
        _ = scrape_easy_setopt_string(handle, option, value) // libcurl copies string options
    }

    /// Every value of the last response's header `name`, joined by commas as HTTP allows.
    private func header(named name: String) -> String? {
        var values: [String] = []
        var index = 0
        var header: UnsafeMutablePointer<curl_header>?
        while curl_easy_header(handle, name, index, UInt32(CURLH_HEADER), -1, &header) == CURLHE_OK, let found = header {
            values.append(String(cString: found.pointee.value))
            index += 1
            if index >= found.pointee.amount { break }
        }
        return values.isEmpty ? nil : values.joined(separator: ", ")
    }

    func string(_ info: CURLINFO) -> String? {
        var value: UnsafePointer<CChar>?
        guard scrape_easy_getinfo_string(handle, info, &value) == CURLE_OK, let value else { return nil }
        return String(cString: value)
    }

    private static func failure(for code: CURLcode, message: String) -> CurlResult.Failure {
        switch code {
        case CURLE_UNSUPPORTED_PROTOCOL where message.contains("HTTP/0.9") || message.contains("HTTP version")
                                           || message.contains("response code"),
             CURLE_WEIRD_SERVER_REPLY:
            return .notHTTP
        case CURLE_RECV_ERROR where message.contains("Too large response headers"):
            // libcurl's own cap on the headers (300 KB), reached before ours.
            return .headersTooLarge
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            return .dns
        case CURLE_COULDNT_CONNECT, CURLE_GOT_NOTHING, CURLE_RECV_ERROR, CURLE_SEND_ERROR,
             CURLE_PARTIAL_FILE, CURLE_HTTP2, CURLE_HTTP2_STREAM:
            return .connect
        case CURLE_OPERATION_TIMEDOUT:
            return .timeout
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM,
             CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
             CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_ENGINE_INITFAILED, CURLE_SSL_SHUTDOWN_FAILED:
            return .tls
        case CURLE_TOO_MANY_REDIRECTS:
            return .tooManyRedirects
        case CURLE_UNSUPPORTED_PROTOCOL:
            return .unsupportedProtocol
        case CURLE_URL_MALFORMAT:
            return .malformedURL
        case CURLE_BAD_CONTENT_ENCODING:
            return .badContentEncoding
        case CURLE_FILESIZE_EXCEEDED:
            return .bodyTooLarge
        default:
            return .other
        }
    }

    /// A duration as libcurl's whole milliseconds, at least one (0 would mean "no timeout").
    private static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return max(1, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
    }
}
