import Foundation
import Testing
@testable import ScrapeKit

/// HTTPS against the real nginx of `LocalSite` (HTTP/2 over TLS, certificates from a test CA
/// made with openssl), and the request options: trust, headers, cookies, proxy, HTTP version.
@Suite struct TLSTests {
    let site = LocalSite.shared

    /// Trusts the test CA and sends every name the site's certificates are for to loopback.
    private func trustingTestCA(_ options: inout ScrapeOptions) {
        options.fetch.request.caFile = LocalSite.caFile
        options.fetch.request.resolve = ["expired.test", "wrong-host.test", "self-signed.test", "a.scrape.test"].map(site.resolve)
    }

    @Test(arguments: RunnerKind.allCases)
    func privateCAServesTheSamePageOverHTTP2(runner: RunnerKind) async {
        let records = await scrape([site.tlsURL("index.html"), site.tlsURL("index.html", host: "a.scrape.test"), site.url("index.html")],
                                   runner: runner, configure: trustingTestCA)
        #expect(records.map(\.ok) == [true, true, true], "\(records.map(\.error))")
        #expect(records.map(\.httpVersion) == ["2", "2", "1.1"])
        #expect(records[0].elements == records[2].elements)
        #expect(records[0].elements.count == 5)
        #expect(!records[0].insecure)
    }

    @Test(arguments: RunnerKind.allCases)
    func untrustedCertificatesAreTLSRecordsSayingWhy(runner: RunnerKind) async {
        let cases = [
            (site.tlsURL("index.html", host: "expired.test"), "certificate verify failed: certificate has expired"),
            (site.tlsURL("index.html", host: "wrong-host.test"), "hostname mismatch: "),
            (site.tlsURL("index.html", host: "self-signed.test"), "certificate verify failed: self-signed certificate"),
            ("https://127.0.0.1:\(site.port)/index.html", "TLS handshake failed: "),
        ]
        let records = await scrape(cases.map(\.0), runner: runner, configure: trustingTestCA)
        for (record, (url, message)) in zip(records, cases) {
            #expect(record.error?.kind == .tls, "\(url)")
            #expect(record.error?.message.hasPrefix(message) == true, "\(url): \(String(describing: record.error))")
            #expect(record.status == nil)
        }
    }

    @Test(arguments: RunnerKind.allCases)
    func aHashedCADirectoryIsTrustedToo(runner: RunnerKind) async {
        let records = await scrape([site.tlsURL("index.html")], runner: runner) {
            $0.fetch.request.caPath = LocalSite.packageRoot.appendingPathComponent(".build/test-ca/hashed").path
        }
        #expect(records[0].ok, "\(String(describing: records[0].error))")
    }

    @Test func anUnreadableBundleIsATLSRecordSayingSo() async {
        let records = await scrape([site.tlsURL("index.html"), site.url("index.html")]) { $0.fetch.request.caFile = "/dev/null" }
        #expect(records[0].error?.kind == .tls)
        #expect(records[0].error?.message.hasPrefix("the CA certificates could not be read") == true, "\(String(describing: records[0].error))")
        #expect(records[1].ok)
    }

    @Test func theSystemStoreDoesNotTrustTheTestCA() async {
        let records = await scrape([site.tlsURL("index.html")]) { $0.fetch.request.caFile = nil }
        #expect(records[0].error?.kind == .tls)
        #expect(records[0].error?.message.hasPrefix("certificate verify failed: ") == true, "\(String(describing: records[0].error))")
    }

    @Test(arguments: RunnerKind.allCases)
    func insecureFetchesAnywayAndSaysSo(runner: RunnerKind) async {
        let records = await scrape([site.tlsURL("index.html", host: "expired.test"), site.tlsURL("index.html", host: "self-signed.test"),
                                    site.url("index.html")], runner: runner) { options in
            trustingTestCA(&options)
            options.fetch.request.insecure = true
        }
        #expect(records.map(\.ok) == [true, true, true])
        #expect(records.map(\.insecure) == [true, true, false])
    }

    @Test func insecureWarnsOnceAndMarksRecords() async throws {
        let list = try writeListFile([site.tlsURL("index.html", host: "expired.test"), site.tlsURL("about.html", host: "expired.test"), site.url("index.html")])
        let result = try await ScrapeBinary.run(["--urls", list, "-k", "--resolve", site.resolve("expired.test"), "--ordered", "--quiet"])
        #expect(result.status == 0)
        #expect(result.stderr.components(separatedBy: "--insecure").count == 2, "\(result.stderr)")
        let objects = try ScrapeBinary.objects(result.stdout)
        #expect(objects.map { $0["ok"] as? Bool } == [true, true, true])
        #expect(objects.map { $0["insecure"] as? Bool } == [true, true, nil])
        #expect(objects.map { $0["http_version"] as? String } == ["2", "2", "1.1"])
    }

    @Test func headersAndCookiesArriveAtTheServer() async throws {
        let headerFile = try writeListFile(["User-Agent: tester/2", "", "Accept: text/html"])
        let list = try writeListFile([site.tlsURL("echo/request")])
        let result = try await ScrapeBinary.run([
            "--urls", list, "--cacert", LocalSite.caFile, "-H", "X-Scrape-Test: hello there", "-H", "@\(headerFile)",
            "-b", "flavour=oat; size=big", "-s", "header=#header", "-s", "cookie=#cookie", "-s", "agent=#agent", "--quiet",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let selections = try #require(try ScrapeBinary.objects(result.stdout).first?["selections"] as? [String: [String: Any]])
        func text(_ name: String) -> String? { (selections[name]?["elements"] as? [[String: Any]])?.first?["text"] as? String }
        #expect(text("header") == "hello there")
        #expect(text("cookie") == "flavour=oat; size=big")
        #expect(text("agent") == "tester/2")
    }

    /// `-H` headers go on with a redirect to another host, as curl sends them, unless
    /// `--headers-to-first-host` keeps them at home; a redirect on the same host keeps them.
    @Test(arguments: [false, true])
    func headersFollowRedirectsToOtherHostsOnlyWhenAllowed(firstHostOnly: Bool) async throws {
        let list = try writeListFile([site.url("redirect/to-localhost-echo"), site.url("redirect/echo")])
        let result = try await ScrapeBinary.run(["--urls", list, "--ordered", "--quiet", "-H", "X-Scrape-Test: key", "-s", "#header"]
                                                + (firstHostOnly ? ["--headers-to-first-host"] : []))
        let objects = try ScrapeBinary.objects(result.stdout)
        #expect(objects.map { $0["ok"] as? Bool } == [true, true])
        #expect(objects.map { $0["final_url"] as? String } == [site.url("echo/request").replacingOccurrences(of: "127.0.0.1", with: "localhost"),
                                                               site.url("echo/request")])
        let texts = objects.map { (($0["elements"] as? [[String: Any]])?.first?["text"] as? String) ?? "" }
        #expect(texts == [firstHostOnly ? "" : "key", "key"])
    }

    /// A header file that can be read only once (a pipe, as `@/dev/stdin` or `@<(...)` give) is
    /// read once, and to its end: checking the options used to read it too, and the run then
    /// went without its headers.
    @Test func headerFileFromAPipeIsReadOnce() async throws {
        let list = try writeListFile([site.url("echo/request")])
        let result = try await runProcess(["/bin/sh", "-c", """
            printf 'X-Scrape-Test: from a pipe\\n' | '\(ScrapeBinary.path)' --urls '\(list)' -H @/dev/stdin -s header=#header --quiet
            """])
        #expect(result.status == 0, "\(result.stderr)")
        let selections = try #require(try ScrapeBinary.objects(result.stdout).first?["selections"] as? [String: [String: Any]])
        #expect((selections["header"]?["elements"] as? [[String: Any]])?.first?["text"] as? String == "from a pipe")
    }

    /// `--urls -` and `-H @/dev/stdin` cannot share the pipe: the headers took the URLs (which
    /// pass for `http: //...` header lines) and the run did nothing, successfully.
    @Test func urlListAndHeaderFileCannotShareStdin() async throws {
        let result = try await runProcess(["/bin/sh", "-c", """
            printf '\(site.url("echo/request"))\\n' | '\(ScrapeBinary.path)' --urls - -H @/dev/stdin --quiet
            """])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("are the same stream"), "\(result.stderr)")
    }

    /// A cookie a site sets is sent on later requests of the run, by whichever handle makes them.
    @Test(arguments: RunnerKind.allCases)
    func cookiesSitesSetAreKeptForTheRun(runner: RunnerKind) async {
        let records = await scrape([site.tlsURL("cookie/set"), site.tlsURL("echo/request"), site.url("echo/request")], runner: runner) { options in
            trustingTestCA(&options)
            options.fetch.concurrency = 1
            options.fetch.request.cookies = .header("first=1")
            options.selections = [Selection(try! Selector("#cookie"))]
        }
        #expect(records.map { $0.elements.first?.text } == ["visited=yes; first=1", "visited=yes; first=1", "first=1"])
        let fromNothing = await scrape([site.tlsURL("cookie/set"), site.tlsURL("echo/request")], runner: runner) { options in
            trustingTestCA(&options)
            options.fetch.concurrency = 1
            options.fetch.request.cookies = .header("") // -b ''
            options.selections = [Selection(try! Selector("#cookie"))]
        }
        #expect(fromNothing.map { $0.elements.first?.text } == ["visited=yes", "visited=yes"])
    }

    @Test(arguments: RunnerKind.allCases)
    func aCookieFileIsSentByEveryHandle(runner: RunnerKind) async throws {
        let jar = try writeListFile([
            "# Netscape HTTP Cookie File",
            "localhost\tFALSE\t/\tFALSE\t0\tfrom_file\tyes",
            "other.example\tFALSE\t/\tFALSE\t0\tnot_ours\tno",
        ])
        let urls = (0..<12).map { site.tlsURL("echo/request?n=\($0)") }
        let records = await scrape(urls, runner: runner) { options in
            trustingTestCA(&options)
            options.fetch.concurrency = 4
            options.fetch.request.cookies = .file(jar)
            options.selections = [Selection(try! Selector("#cookie"))]
        }
        #expect(records.map { $0.elements.first?.text } == Array(repeating: "from_file=yes", count: 12))
    }

    @Test(arguments: RunnerKind.allCases)
    func httpsGoesThroughAConnectProxy(runner: RunnerKind) async throws {
        let proxy = try ConnectProxy()
        let records = await scrape([site.tlsURL("index.html"), site.tlsURL("about.html", host: "a.scrape.test")], runner: runner) { options in
            trustingTestCA(&options)
            options.fetch.request.proxy = proxy.url
        }
        #expect(records.map(\.ok) == [true, true], "\(records.map(\.error))")
        #expect(Set(proxy.targets) == ["localhost:\(site.tlsPort)", "a.scrape.test:\(site.tlsPort)"])
    }

    /// As curl: https_proxy names the proxy unless --proxy does, and --noproxy overrides both.
    @Test func theProxyVariablesAreHonoured() async throws {
        let proxy = try ConnectProxy()
        let list = try writeListFile([site.tlsURL("index.html")])
        let command = ["/usr/bin/env", "https_proxy=\(proxy.url)", ScrapeBinary.path, "--urls", list, "--cacert", LocalSite.caFile, "--quiet"]
        let through = try await runProcess(command)
        #expect(try ScrapeBinary.objects(through.stdout).map { $0["ok"] as? Bool } == [true], "\(through.stderr)")
        #expect(proxy.targets == ["localhost:\(site.tlsPort)"])
        let bypassing = try await runProcess(command + ["--noproxy", "*"])
        #expect(try ScrapeBinary.objects(bypassing.stdout).map { $0["ok"] as? Bool } == [true])
        #expect(proxy.targets.count == 1)
    }

    @Test func noProxyBypassesTheProxy() async throws {
        let proxy = try ConnectProxy()
        let records = await scrape([site.tlsURL("index.html")]) { options in
            trustingTestCA(&options)
            options.fetch.request.proxy = proxy.url
            options.fetch.request.noProxy = "localhost"
        }
        #expect(records[0].ok)
        #expect(proxy.targets.isEmpty)
    }

    /// Under --per-host, transfers to one HTTP/2 host share one connection (nginx numbers its
    /// connections); with --http1.1 they need several.
    @Test(arguments: [RequestOptions.HTTPVersion.automatic, .http1_1])
    func oneHostIsMultiplexedOverOneConnection(version: RequestOptions.HTTPVersion) async {
        let urls = (0..<24).map { site.tlsURL("echo/request?n=\($0)") }
        let records = await scrape(urls) { options in
            trustingTestCA(&options)
            options.fetch.perHost = 8
            options.fetch.request.httpVersion = version
            options.selections = [Selection(name: "connection", try! Selector("#connection")), Selection(name: "protocol", try! Selector("#protocol"))]
        }
        let connections = Set(records.compactMap { $0.selections.first?.elements.first?.text })
        let protocols = Set(records.compactMap { $0.selections.last?.elements.first?.text })
        #expect(records.allSatisfy { $0.ok })
        if version == .automatic {
            #expect(protocols == ["HTTP/2.0"])
            #expect(Set(records.map(\.httpVersion)) == ["2"])
            #expect(connections.count == 1, "\(connections)")
        } else {
            #expect(protocols == ["HTTP/1.1"])
            #expect(Set(records.map(\.httpVersion)) == ["1.1"])
            #expect(connections.count > 1, "\(connections)")
        }
    }

    @Test(arguments: RunnerKind.allCases)
    func http1OnlyWhenAsked(runner: RunnerKind) async {
        let records = await scrape([site.tlsURL("index.html")], runner: runner) { options in
            trustingTestCA(&options)
            options.fetch.request.httpVersion = .http1_1
        }
        #expect(records[0].httpVersion == "1.1")
    }

    @Test func allRunnersGiveTheSameRecordsOverTLS() async {
        let urls = [site.tlsURL("index.html"), site.tlsURL("news.html", host: "a.scrape.test"), site.tlsURL("missing.html"),
                    site.tlsURL("redirect/ok"), site.tlsURL("index.html", host: "expired.test"), site.tlsURL("doc.pdf")]
        var runs: [[Record]] = []
        for runner in RunnerKind.allCases {
            runs.append(await scrape(urls, runner: runner, configure: trustingTestCA).map(withoutTimings))
        }
        #expect(runs[0].count == urls.count)
        #expect(runs[0] == runs[1])
        #expect(runs[0] == runs[2])
    }

    @Test func badRequestOptionsAreUsageErrors() async throws {
        let list = try writeListFile([site.url("index.html")])
        let cases: [([String], String)] = [
            (["--http1.1", "--http2"], "--http1.1 and --http2"),
            (["--cacert", "/no/such/ca.pem"], "--cacert /no/such/ca.pem"),
            (["--capath", "/no/such/dir"], "--capath /no/such/dir"),
            (["-H", "no colon here"], "--header 'no colon here'"),
            (["-H", "@/no/such/headers"], "--header /no/such/headers"),
            (["-b", "/no/such/jar"], "--cookie /no/such/jar"),
            (["--resolve", "example.com:443"], "--resolve example.com:443"),
            (["--proxy", "ftp://127.0.0.1:21"], "--proxy ftp://127.0.0.1:21"),
        ]
        for (arguments, message) in cases {
            let result = try await ScrapeBinary.run(["--urls", list] + arguments)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
    }
}
