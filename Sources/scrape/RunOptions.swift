import ArgumentParser
import Foundation
import ScrapeKit

/// The options of a scrape run, shared by `scrape` and `scrape bench`.
struct RunOptions: ParsableArguments {
    // Optional to the parser only, so that `scrape bench --help` and `scrape help bench` work:
    // a required option of the root command would be demanded before any subcommand's help.
    @Option(name: .customLong("urls"), help: ArgumentHelp("File of URLs, one a line (blank lines and # comments skipped); - for stdin. Required.", valueName: "file"))
    var urlList: String?

    /// The `--urls` path, which every run needs.
    var urls: String {
        get throws {
            guard let urlList else { throw ValidationError("Missing expected argument '--urls <file>'") }
            return urlList
        }
    }

    @Option(help: ArgumentHelp("Element to extract, case-insensitive, template contents included (default: script).", valueName: "name"))
    var tag: String?

    @Option(name: [.customShort("s"), .customLong("select")], help: ArgumentHelp("CSS selector of the elements to extract, matched as a browser's querySelectorAll. Repeat as NAME=CSS to extract several sets in one pass, each under its name in the record's selections.", valueName: "css"))
    var select: [String] = []

    @Option(name: .customLong("xpath"), help: ArgumentHelp("XPath 1.0 expression, evaluated by libxml2 over each page's tree: elements as --select gives them, attributes, text and string, number or boolean results as values. Repeatable, as NAME=EXPR, and mixed with --select; the prefixes svg, math and xlink are bound.", valueName: "expr"))
    var xpath: [String] = []

    @Flag(name: .customLong("deny-private"), help: "Refuse loopback, private, link-local and cloud-metadata addresses, after DNS and on every redirect: for lists nobody vetted.")
    var denyPrivate = false

    @Flag(help: "Rewrite URL-valued attributes (href, src, srcset, action, poster, ...) to absolute URLs, resolved against the final URL and <base href> as a browser does.")
    var absolute = false

    @Option(help: "Which parser builds each page's tree: html5 (a browser's tree, as html5lib gives it) or libxml2 (libxml2's own, as lxml gives it).")
    var parser = HTMLParserKind.html5

    @Option(help: "How to fetch: async (libcurl multi), threads (blocking, one per thread), blocking (one at a time).")
    var runner = RunnerKind.async

    @Option(help: "Transfers in flight (threads for --runner threads).")
    var concurrency = 64

    @Option(name: .customLong("per-host"), help: "Transfers in flight to one host.")
    var perHost = 8

    @Option(name: .customLong("rate-per-host"), help: ArgumentHelp("Requests per second to one host, retries included (default: no pacing).", valueName: "rate"))
    var ratePerHost: Double?

    @Flag(help: "Obey each site's robots.txt for our User-Agent (fetched once per site); disallowed URLs get robots records.")
    var robots = false

    @Option(help: ArgumentHelp("Seconds allowed for one attempt at a page.", valueName: "seconds"))
    var timeout = 30.0

    @Option(name: .customLong("connect-timeout"), help: ArgumentHelp("Seconds allowed to connect.", valueName: "seconds"))
    var connectTimeout = 10.0

    @Option(help: "Retries after timeouts, connection failures, 408, 429 and 5xx (with backoff, honouring Retry-After).")
    var retries = 2

    @Option(name: .customLong("max-redirects"), help: "Redirects followed before giving up.")
    var maxRedirects = 10

    @Option(name: .customLong("max-bytes"), help: ArgumentHelp("Cap on a decoded body, e.g. 10MiB, 512K, 1000000.", valueName: "size"))
    var maxBytes = ByteSize(bytes: 10 * 1024 * 1024)

    @Option(name: .customLong("user-agent"), help: "User-Agent header.")
    var userAgent: String?

    @Option(name: [.customShort("H"), .customLong("header")], help: ArgumentHelp("Extra header for every request, 'Name: value' ('Name:' drops one libcurl would send); repeatable; @FILE reads one a line.", valueName: "header"))
    var header: [String] = []

    @Flag(name: .customLong("headers-to-first-host"), help: "Send the -H headers only to each URL's own host: a redirect to another host is followed without them. By default they go on, as curl sends them (Authorization and Cookie lines never do).")
    var headersToFirstHost = false

    @Option(name: [.customShort("b"), .customLong("cookie")], help: ArgumentHelp("Cookies to send, 'name=value; name2=value2', or a Netscape cookie file; '' for none. Either way cookies the sites set are kept per host for the run.", valueName: "data|file"))
    var cookie: String?

    @Option(name: [.customShort("x"), .customLong("proxy")], help: ArgumentHelp("Proxy for every request: http://, https://, socks5:// or socks5h:// (DNS through the proxy). Without it the http_proxy, https_proxy, all_proxy and no_proxy variables apply.", valueName: "url"))
    var proxy: String?

    @Option(name: .customLong("noproxy"), help: ArgumentHelp("Comma-separated hosts or domains reached without the proxy; * for all.", valueName: "hosts"))
    var noProxy: String?

    @Option(name: .customLong("cacert"), help: ArgumentHelp("PEM file of the certificate authorities to trust instead of the system's (default: $CURL_CA_BUNDLE or $SSL_CERT_FILE when set).", valueName: "file"))
    var caCert: String?

    @Option(name: .customLong("capath"), help: ArgumentHelp("Directory of hashed CA certificates to trust as well. Costs CPU on every new TLS connection: prefer --cacert.", valueName: "dir"))
    var caPath: String?

    @Flag(name: [.customShort("k"), .customLong("insecure")], help: "Do not check TLS certificates or host names. Records fetched so are marked \"insecure\": true.")
    var insecure = false

    @Flag(name: .customLong("http1.1"), help: "Use HTTP/1.1 only.")
    var http11 = false

    @Flag(name: .customLong("http2"), help: "Ask for HTTP/2, also on plain http (the default is HTTP/2 over TLS where offered, multiplexed under --per-host).")
    var http2 = false

    @Option(help: ArgumentHelp("Connect to ADDR for HOST:PORT instead of asking DNS, as curl's --resolve; repeatable.", valueName: "host:port:addr"))
    var resolve: [String] = []

    @Option(name: .customLong("out-dir"), help: ArgumentHelp("Also write each record to DIR/<host>-<hash>.json.", valueName: "dir"))
    var outDir: String?

    @Option(name: .customLong("by-host"), help: ArgumentHelp("Also append each record to DIR/<host>.jsonl: one JSON Lines file per site.", valueName: "dir"))
    var byHost: String?

    @Option(help: ArgumentHelp("Fetch only shard K of N (K from 0), chosen by a stable hash of each URL, so N machines given the same list share it out.", valueName: "K/N"))
    var shard: Shard?

    @Option(help: ArgumentHelp("Keep records in this JSON Lines file across runs: URLs it already has an ok record for are skipped, new records are appended (and still written to stdout). A directory is read and written as --out-dir.", valueName: "file"))
    var resume: String?

    @Flag(name: .customLong("fetch-only"), help: "Fetch without parsing: records keep status, type and size, no elements.")
    var fetchOnly = false

    @Flag(help: "Write records in input order rather than as they complete.")
    var ordered = false

    @Flag(help: "No summary on stderr.")
    var quiet = false

    /// Also reads `--header @FILE` files, once: a second read of `@/dev/stdin` or `@<(...)` would
    /// find nothing, and the run would quietly go without the headers.
    mutating func validate() throws {
        // Every number is range-checked here, so none can overflow a conversion further on.
        try Self.check("--concurrency", Double(concurrency), in: 1...10_000)
        try Self.check("--per-host", Double(perHost), in: 1...10_000)
        if let ratePerHost { try Self.check("--rate-per-host", ratePerHost, in: 0.001...1_000_000) }
        try Self.check("--timeout", timeout, in: 0.001...86_400)
        try Self.check("--connect-timeout", connectTimeout, in: 0.001...86_400)
        try Self.check("--retries", Double(retries), in: 0...100)
        try Self.check("--max-redirects", Double(maxRedirects), in: 0...1_000)
        if let tag, tag.isEmpty || !tag.utf8.allSatisfy({ $0 > 0x20 && $0 != UInt8(ascii: ">") && $0 != UInt8(ascii: "/") }) {
            throw ValidationError("--tag must be an element name, like script or a")
        }
        _ = try selections()
        try HeaderArgument.checkNotSharingInput(header, withList: urlList)
        header = try header.flatMap(HeaderArgument.lines)
        _ = try requestOptions()
    }

    private static func check(_ option: String, _ value: Double, in range: ClosedRange<Double>) throws {
        guard range.contains(value) else {
            func show(_ bound: Double) -> String { bound == bound.rounded() ? String(Int(bound)) : String(bound) }
            throw ValidationError("\(option) must be between \(show(range.lowerBound)) and \(show(range.upperBound))")
        }
    }

    /// What `--tag`, `--select` and `--xpath` ask for: one unnamed query, or several named ones
    /// (the `--select` ones first, then the `--xpath` ones, each in the order given).
    func selections() throws -> [Selection] {
        guard !select.isEmpty || !xpath.isEmpty else { return [Selection(Selector(tag: tag ?? "script"))] }
        guard tag == nil else {
            throw ValidationError("--tag cannot be combined with --select or --xpath: --select NAME selects by element name")
        }
        let named = select.map { (option: "--select", query: NamedQuery($0)) } + xpath.map { (option: "--xpath", query: NamedQuery($0)) }
        if named.count > 1, let unnamed = named.first(where: { $0.query.name == nil }) {
            throw ValidationError("with several --select or --xpath, give each a name, as NAME=QUERY: '\(unnamed.query.text)' has none")
        }
        var names = Set<String>()
        return try named.map { option, query in
            if let name = query.name, !names.insert(name).inserted {
                throw ValidationError("the selection name \(name)= is given twice")
            }
            do {
                return option == "--xpath" ? Selection(name: query.name, xpath: try XPathQuery(query.text))
                                           : Selection(name: query.name, try Selector(query.text))
            } catch {
                throw ValidationError("\(option) '\(query.text)': \(error)")
            }
        }
    }

    /// The request options, checked by the library (`RequestOptions.validate()`); the headers
    /// were read by `validate()`. An unset --cacert falls back to the variables curl's own tool reads.
    func requestOptions(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> RequestOptions {
        var options = RequestOptions()
        options.headers = header
        options.headersFollowRedirects = !headersToFirstHost
        // curl's rule: with an = it is cookie data, without one the name of a file; empty starts
        // the jar with nothing in it.
        options.cookies = cookie.map { $0.isEmpty || $0.contains("=") ? .header($0) : .file($0) }
        options.proxy = proxy
        options.noProxy = noProxy
        if let file = caCert ?? environment["CURL_CA_BUNDLE"] ?? environment["SSL_CERT_FILE"] {
            options.caFile = try caCert == nil ? ReadableFile.check(file, option: "the CA bundle variable") : file
        }
        // SSL_CERT_DIR is not read: set (often to /etc/ssl/certs) it would make libcurl parse the
        // whole bundle again for every connection, and the bundle already holds those certificates.
        options.caPath = caPath
        options.insecure = insecure
        if http11 && http2 { throw ValidationError("--http1.1 and --http2 cannot be combined") }
        options.httpVersion = http11 ? .http1_1 : http2 ? .http2 : .automatic
        options.resolve = resolve
        do { try options.validate() } catch { throw ValidationError(error.description) }
        return options
    }

    /// Every option that shapes how pages are fetched and parsed, once: how it sets the
    /// library's options, and the arguments that give a child `scrape` (the bench's runs) the
    /// same setting. Options about this process alone (`--urls`, `--runner`, where records go,
    /// `--ordered`, `--quiet`) are not here.
    private func settings() throws -> [Setting] {
        let selections = try selections()
        let request = try requestOptions()
        return [
            Setting(select.isEmpty && xpath.isEmpty ? ["--tag", tag ?? "script"]
                        : select.flatMap { ["--select", $0] } + xpath.flatMap { ["--xpath", $0] }) { $0.selections = selections },
            Setting(["--concurrency", "\(concurrency)"]) { $0.fetch.concurrency = concurrency },
            Setting(["--per-host", "\(perHost)"]) { $0.fetch.perHost = perHost },
            Setting(ratePerHost.map { ["--rate-per-host", "\($0)"] } ?? []) { $0.fetch.ratePerHost = ratePerHost },
            Setting(robots ? ["--robots"] : []) { $0.fetch.obeysRobots = robots },
            Setting(denyPrivate ? ["--deny-private"] : []) { $0.fetch.deniesPrivateAddresses = denyPrivate },
            Setting(absolute ? ["--absolute"] : []) { $0.absoluteURLs = absolute },
            Setting(parser == .html5 ? [] : ["--parser", parser.rawValue]) { $0.parser = parser },
            Setting(fetchOnly ? ["--fetch-only"] : []) { $0.fetchOnly = fetchOnly },
            Setting(["--timeout", "\(timeout)"]) { $0.fetch.timeout = .milliseconds(Int((timeout * 1000).rounded())) },
            Setting(["--connect-timeout", "\(connectTimeout)"]) { $0.fetch.connectTimeout = .milliseconds(Int((connectTimeout * 1000).rounded())) },
            Setting(["--retries", "\(retries)"]) { $0.fetch.retries = retries },
            Setting(["--max-redirects", "\(maxRedirects)"]) { $0.fetch.maxRedirects = maxRedirects },
            Setting(["--max-bytes", "\(maxBytes.bytes)"]) { $0.fetch.maxBytes = maxBytes.bytes },
            Setting(userAgent.map { ["--user-agent", $0] } ?? []) { options in userAgent.map { options.fetch.userAgent = $0 } },
            Setting(requestArguments) { $0.fetch.request = request },
        ]
    }

    /// The request options as given: each is checked by `requestOptions()` and set there.
    private var requestArguments: [String] {
        var arguments = header.flatMap { ["--header", $0] } + resolve.flatMap { ["--resolve", $0] }
        for (option, value) in [("--cookie", cookie), ("--proxy", proxy), ("--noproxy", noProxy), ("--cacert", caCert), ("--capath", caPath)] {
            if let value { arguments += [option, value] }
        }
        for (option, on) in [("--insecure", insecure), ("--http1.1", http11), ("--http2", http2),
                             ("--headers-to-first-host", headersToFirstHost)] where on {
            arguments.append(option)
        }
        return arguments
    }

    /// The options a child `scrape` needs to fetch and parse as this one would.
    var forwardedArguments: [String] {
        get throws { try settings().flatMap(\.arguments) }
    }

    func scrapeOptions() throws -> ScrapeOptions {
        var options = ScrapeOptions()
        for setting in try settings() { setting.apply(&options) }
        options.runner = runner
        options.ordered = ordered
        options.shard = shard
        return options
    }
}

/// One run option: the library setting it makes and the arguments that make it again.
