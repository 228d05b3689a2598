import ArgumentParser
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

    @Flag(name: .customLong("deny-private"), help: "Refuse loopback, private, link-local and cloud-metadata addresses, after DNS and on every redirect: for lists nobody vetted.")
    var denyPrivate = false

    @Flag(help: "Rewrite URL-valued attributes (href, src, srcset, action, poster, ...) to absolute URLs, resolved against the final URL and <base href> as a browser does.")
    var absolute = false

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

    @Option(name: .customLong("out-dir"), help: ArgumentHelp("Also write each record to DIR/<host>-<hash>.json.", valueName: "dir"))
    var outDir: String?

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

    func validate() throws {
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
    }

    private static func check(_ option: String, _ value: Double, in range: ClosedRange<Double>) throws {
        guard range.contains(value) else {
            func show(_ bound: Double) -> String { bound == bound.rounded() ? String(Int(bound)) : String(bound) }
            throw ValidationError("\(option) must be between \(show(range.lowerBound)) and \(show(range.upperBound))")
        }
    }

    /// What `--tag` and `--select` ask for: one unnamed query, or several named ones.
    func selections() throws -> [Selection] {
        guard !select.isEmpty else { return [Selection(Selector(tag: tag ?? "script"))] }
        guard tag == nil else { throw ValidationError("--tag and --select cannot be combined: --select NAME selects by element name") }
        let named = select.map(NamedSelector.init)
        if named.count > 1, let unnamed = named.first(where: { $0.name == nil }) {
            throw ValidationError("with several --select, give each a name, as NAME=CSS: '\(unnamed.css)' has none")
        }
        var names = Set<String>()
        return try named.map { query in
            if let name = query.name, !names.insert(name).inserted {
                throw ValidationError("--select \(name)= is given twice")
            }
            do {
                return Selection(name: query.name, try Selector(query.css))
            } catch {
                throw ValidationError("--select '\(query.css)': \(error)")
            }
        }
    }

    /// The options a child `scrape` needs to fetch and parse as this one would.
    var forwardedArguments: [String] {
        var arguments = (select.isEmpty ? ["--tag", tag ?? "script"] : select.flatMap { ["--select", $0] }) + ["--concurrency", "\(concurrency)", "--per-host", "\(perHost)",
                         "--timeout", "\(timeout)", "--connect-timeout", "\(connectTimeout)", "--retries", "\(retries)",
                         "--max-redirects", "\(maxRedirects)", "--max-bytes", "\(maxBytes.bytes)"]
        if let userAgent { arguments += ["--user-agent", userAgent] }
        if let ratePerHost { arguments += ["--rate-per-host", "\(ratePerHost)"] }
        if robots { arguments.append("--robots") }
        if absolute { arguments.append("--absolute") }
        if denyPrivate { arguments.append("--deny-private") }
        return arguments
    }

    func scrapeOptions() throws -> ScrapeOptions {
        var options = ScrapeOptions()
        options.selections = try selections()
        options.absoluteURLs = absolute
        options.runner = runner
        options.ordered = ordered
        options.fetchOnly = fetchOnly
        options.shard = shard
        options.fetch.concurrency = concurrency
        options.fetch.perHost = perHost
        options.fetch.ratePerHost = ratePerHost
        options.fetch.obeysRobots = robots
        options.fetch.deniesPrivateAddresses = denyPrivate
        options.fetch.timeout = timeout
        options.fetch.connectTimeout = connectTimeout
        options.fetch.retries = retries
        options.fetch.maxRedirects = maxRedirects
        options.fetch.maxBytes = maxBytes.bytes
        if let userAgent { options.fetch.userAgent = userAgent }
        return options
    }
}

/// `NAME=CSS` or plain `CSS`: a name is an identifier directly followed by `=`, which no valid
/// selector starts with (`a[href="x"]` has its `=` inside brackets).
private struct NamedSelector {
    var name: String?
    var css: String

    init(_ argument: String) {
        let name = argument.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
        if !name.isEmpty, argument.dropFirst(name.count).first == "=" {
            self.name = String(name)
            css = String(argument.dropFirst(name.count + 1))
        } else {
            css = argument
        }
    }
}

extension RunnerKind: ExpressibleByArgument {}

extension Shard: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(argument)
    }
}

/// A size such as `10MiB`, `512K` or `1000000` (bytes); K, M and G are powers of 1024.
struct ByteSize: ExpressibleByArgument, CustomStringConvertible {
    var bytes: Int

    init(bytes: Int) {
        self.bytes = bytes
    }

    init?(argument: String) {
        let text = argument.lowercased()
        let digits = text.prefix { $0.isNumber }
        guard let number = Int(digits), number >= 0 else { return nil }
        let units: [String: Int] = ["": 1, "b": 1, "k": 1 << 10, "kb": 1 << 10, "kib": 1 << 10, "m": 1 << 20,
                                    "mb": 1 << 20, "mib": 1 << 20, "g": 1 << 30, "gb": 1 << 30, "gib": 1 << 30]
        // At most 1 TiB, which no body held in memory can reach; more is a typo or an attack.
        guard let unit = units[String(text.dropFirst(digits.count))], number <= (1 << 40) / unit else { return nil }
        bytes = number * unit
    }

    var description: String {
        bytes % (1 << 20) == 0 ? "\(bytes >> 20)MiB" : "\(bytes)"
    }
}
