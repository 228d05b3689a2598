import Foundation
import LibXML
import Testing
@testable import ScrapeKit

/// `--crawl` end to end: the real binary against generated sites on a real nginx, several host
/// names reaching it through `--resolve`.
@Suite struct CrawlTests {
    /// A site of 40 pages on each of three hosts, linked at random (a fixed seed), every link in
    /// one of the spellings that must come to the same page: fragments, `./`, `../`, upper-case
    /// hosts, absolute URLs. The crawl's seeds are on a.test and b.test; c.test is out of scope.
    struct Graph {
        static let hosts = ["a.test", "b.test", "c.test"]
        static let seeds = ["a.test/d/p0.html", "b.test/d/p0.html"]
        /// Page (`host/d/pN.html`) to the pages its links lead to.
        var links: [String: [String]] = [:]
        var files: [String: [String: String]] = [:]

        init(port: Int) {
            var random = SplitMix(seed: 2026)
            for host in Self.hosts {
                for page in 0..<40 {
                    let name = "\(host)/d/p\(page).html"
                    var html = "<html><head><title>\(name)</title></head><body>"
                    for _ in 0..<(1 + Int(random.next() % 3)) {
                        let sameHost = random.next() % 5 != 0
                        let target = sameHost ? host : Self.hosts[Int(random.next() % 3)]
                        // Sparse enough that depth 3 does not reach every page.
                        let number = Int(random.next() % 40)
                        let href: String
                        if target == host {
                            switch random.next() % 5 {
                            case 0: href = "p\(number).html"
                            case 1: href = "./p\(number).html#section"
                            case 2: href = "../d/p\(number).html"
                            case 3: href = "/d/p\(number).html#top"
                            default: href = "http://\(host.uppercased()):\(port)/d/./p\(number).html"
                            }
                        } else {
                            href = "http://\(target):\(port)/d/p\(number).html"
                        }
                        html += "<a href=\"\(href)\">link</a> "
                        links[name, default: []].append("\(target)/d/p\(number).html")
                    }
                    files[host, default: [:]]["d/p\(page).html"] = html + "</body></html>"
                }
            }
        }

        /// The in-scope pages within `maxDepth` links of a seed, with their shortest depths.
        func breadthFirst(maxDepth: Int) -> [String: Int] {
            var depths: [String: Int] = [:]
            var level = Self.seeds
            for seed in level { depths[seed] = 0 }
            for depth in 1...max(1, maxDepth) where depth <= maxDepth {
                var next: [String] = []
                for page in level {
                    for target in links[page] ?? [] where depths[target] == nil && !target.hasPrefix("c.test") {
                        depths[target] = depth
                        next.append(target)
                    }
                }
                level = next
            }
            return depths
        }
    }

    /// A small deterministic generator, so that the graph is the same on every machine.
    struct SplitMix {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    private static func crawl(_ site: CrawlSite, seeds: [String], _ arguments: [String]) async throws -> (records: [[String: Any]], stderr: String) {
        let result = try await ScrapeBinary.run(["--urls", "-", "--crawl", "--retries", "0"]
            + site.resolving(Graph.hosts + ["www.a.test", "x.y.test", "y.test"]) + arguments,
            input: seeds.joined(separator: "\n"))
        #expect(result.status == 0, "\(result.stderr)")
        return (try ScrapeBinary.objects(result.stdout), result.stderr)
    }

    /// The generated graph, served, and the URLs of its seeds.
    private static func graphSite() throws -> (site: CrawlSite, graph: Graph, seeds: [String]) {
        var graph: Graph!
        let site = try CrawlSite { port in
            graph = Graph(port: port)
            return graph.files
        }
        let seeds = Graph.seeds.map { "http://\($0.replacingOccurrences(of: "/d/", with: ":\(site.port)/d/"))" }
        return (site, graph, seeds)
    }

    /// `http://a.test:PORT/d/p1.html` as `a.test/d/p1.html`.
    private static func page(_ url: Any?) -> String {
        let text = url as? String ?? ""
        guard let scheme = text.range(of: "://") else { return text }
        let rest = text[scheme.upperBound...]
        let host = rest.prefix { $0 != ":" && $0 != "/" }
        let path = rest.drop { $0 != "/" }
        return String(host + path)
    }

    @Test(arguments: [(0, 64), (1, 64), (2, 4), (3, 64), (3, 1)])
    func crawlsExactlyThePagesWithinTheDepthAtTheirShortestDepth(maxDepth: Int, concurrency: Int) async throws {
        let (site, graph, seeds) = try Self.graphSite()
        let (records, _) = try await Self.crawl(site, seeds: seeds, ["--max-depth", "\(maxDepth)", "--concurrency", "\(concurrency)"])
        let expected = graph.breadthFirst(maxDepth: maxDepth)
        var found: [String: Int] = [:]
        for record in records {
            #expect(record["ok"] as? Bool == true, "\(record)")
            let page = Self.page(record["url"])
            #expect(found.updateValue(record["depth"] as? Int ?? -1, forKey: page) == nil, "\(page) has two records")
            if let parent = record["parent"] as? String {
                #expect(graph.links[Self.page(parent)]?.contains(page) == true, "\(parent) does not link to \(page)")
                #expect(expected[Self.page(parent)] == (record["depth"] as? Int ?? 0) - 1, "\(page)'s parent is not one level up")
            } else {
                #expect(record["depth"] as? Int == 0)
            }
        }
        #expect(found == expected)
        #expect(maxDepth < 3 || (20..<80).contains(expected.count), "depth 3 reaches some pages, not all")
        #expect(Set(records.compactMap { $0["index"] as? Int }).count == records.count, "indices are unique")
        let fetched = try site.requests().map { "\($0.host)\($0.uri)" }
        #expect(fetched.count == Set(fetched).count, "a page was fetched twice")
        #expect(Set(fetched) == Set(expected.keys))
    }

    /// The short path to x.html runs through a slow page; a long one through fast pages finds x
    /// first. x still gets its shortest depth, and with it its place within --max-depth.
    @Test func aShorterPathFoundLaterGivesThePageItsDepth() async throws {
        let padding = "<!--" + String(repeating: "slow ", count: 8_000) + "-->"
        let site = try CrawlSite { _ in
            ["a.test": [
                "s.html": "<a href='/slow/l.html'>slow</a> <a href='f1.html'>fast</a>",
                "l.html": padding + "<a href='/x.html'>x</a>",
                "f1.html": "<a href='f2.html'>f2</a>",
                "f2.html": "<a href='x.html'>x</a>",
                "x.html": "<a href='y.html'>y</a>",
                "y.html": "y",
            ]]
        }
        let (records, _) = try await Self.crawl(site, seeds: [site.url("a.test", "s.html")], ["--max-depth", "3"])
        var byPage: [String: [String: Any]] = [:]
        for record in records { byPage[Self.page(record["url"])] = record }
        #expect(byPage["a.test/x.html"]?["depth"] as? Int == 2)
        #expect(Self.page(byPage["a.test/x.html"]?["parent"]) == "a.test/slow/l.html")
        #expect(byPage["a.test/y.html"]?["depth"] as? Int == 3, "x's links count from its shortest depth")
        #expect(byPage.count == 6)
    }

    /// libcurl sends a request again when the kept-alive connection it went out on turns out to
    /// be closed. That is the page's own request once more, not a redirect to it: it used to be
    /// refused as a redirect loop, and the page lost.
    @Test func aRequestSentAgainIsNoRedirect() async throws {
        let server = try RawServer { connection, path in
            switch path {
            case "/a.html":
                let body = "<a href='/b.html'>b</a>"
                connection.write("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)")
                // The next request comes on this connection; it is closed without an answer.
                _ = connection.readRequestPath()
            default:
                connection.write("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1\r\nConnection: close\r\n\r\nb")
            }
        }
        let result = try await ScrapeBinary.run(["--urls", "-", "--crawl", "--retries", "0"], input: server.url("a.html"))
        let records = try ScrapeBinary.objects(result.stdout)
        #expect(records.count == 2)
        #expect(records.allSatisfy { $0["ok"] as? Bool == true }, "\(records)")
    }

    @Test func redirectsAreJudgedAtEveryHop() async throws {
        let site = try CrawlSite { _ in
            ["a.test": [
                "r.html": """
                    <a href="/away/c.test/x.html">away</a> <a href="/go/r.html">back to the seed</a>
                    <a href="/loop/a">loop</a> <a href="/go/fresh.html">fresh</a>
                    """,
                "fresh.html": "<a href='deep.html'>deep</a>",
                "deep.html": "deep",
            ]]
        }
        let (records, _) = try await Self.crawl(site, seeds: [site.url("a.test", "r.html")], [])
        var byPage: [String: [String: Any]] = [:]
        for record in records { byPage[Self.page(record["url"])] = record }
        func kind(_ page: String) -> String? { (byPage[page]?["error"] as? [String: Any])?["kind"] as? String }
        #expect(kind("a.test/away/c.test/x.html") == "out_of_scope")
        #expect(byPage["a.test/away/c.test/x.html"]?["status"] as? Int == 301)
        #expect(kind("a.test/go/r.html") == "duplicate")
        #expect(kind("a.test/loop/a") == "duplicate" || kind("a.test/loop/a") == "too_many_redirects")
        #expect(byPage["a.test/go/fresh.html"]?["ok"] as? Bool == true)
        #expect(Self.page(byPage["a.test/go/fresh.html"]?["final_url"]) == "a.test/fresh.html")
        #expect(byPage["a.test/fresh.html"] == nil, "a redirect target counts as fetched with the page that reached it")
        #expect(Self.page(byPage["a.test/deep.html"]?["parent"]) == "a.test/go/fresh.html")
        #expect(byPage.count == 6, "\(byPage.keys.sorted())")
        let fetched = try site.requests().map(\.uri)
        #expect(!fetched.contains("/x.html"), "the out-of-scope target was requested")
        #expect(fetched.filter { $0 == "/r.html" }.count == 1)
        #expect(fetched.filter { $0 == "/fresh.html" }.count == 1)
    }

    @Test func robotsNofollowIsObeyedOnlyUnderRobots() async throws {
        let site = try CrawlSite { _ in
            ["a.test": [
                "meta.html": "<meta name=robots content='noindex, NOFOLLOW'><a href='m1.html'>1</a>",
                "none.html": "<meta name=robots content=none><a href='n1.html'>1</a>",
                "h.html": "<a href='/h1.html'>1</a>",
                "m1.html": "1", "n1.html": "1", "h1.html": "1",
            ]]
        }
        let seeds = [site.url("a.test", "meta.html"), site.url("a.test", "none.html"), site.url("a.test", "nofollow-header/h.html")]
        let polite = try await Self.crawl(site, seeds: seeds, ["--robots"])
        #expect(Set(polite.records.map { Self.page($0["url"]) }) == Set(seeds.map(Self.page)))
        #expect(polite.stderr.contains("3 pages nofollow"), "\(polite.stderr)")
        let rude = try await Self.crawl(site, seeds: seeds, [])
        #expect(Set(rude.records.map { Self.page($0["url"]) }) == Set(seeds.map(Self.page) + ["a.test/m1.html", "a.test/n1.html", "a.test/h1.html"]))
    }

    /// a.test asks 0.3 s between requests; b.test asks nothing and is not held back by it.
    @Test func crawlDelayPacesItsHostAndTheOthersGoOn() async throws {
        let site = try CrawlSite { _ in
            ["a.test": ["robots.txt": "User-agent: *\nCrawl-delay: 0.3\n",
                        "index.html": (1...4).map { "<a href='a\($0).html'>\($0)</a>" }.joined()]
                .merging((1...4).map { ("a\($0).html", "a") }, uniquingKeysWith: { $1 }),
             "b.test": ["index.html": (1...20).map { "<a href='b\($0).html'>\($0)</a>" }.joined()]
                .merging((1...20).map { ("b\($0).html", "b") }, uniquingKeysWith: { $1 })]
        }
        let (records, _) = try await Self.crawl(site, seeds: [site.url("a.test", "index.html"), site.url("b.test", "index.html")],
                                                ["--robots"])
        #expect(records.count == 26)
        let requests = try site.requests().filter { $0.uri != "/robots.txt" }
        let a = requests.filter { $0.host == "a.test" }.map(\.time)
        let b = requests.filter { $0.host == "b.test" }.map(\.time)
        #expect(a.count == 5 && b.count == 21)
        // scrape spaces the starts it books 0.3 s apart; the server sees each start through the
        // scheduling of a loaded machine (the async loop, connecting, nginx accepting), which can
        // bring one arrival a few tens of milliseconds nearer the one before. The five arrivals
        // together still span four spacings, and no two come close to a burst.
        #expect(a.last! - a.first! >= 4 * 0.3 - 0.05, "a.test's requests span \(a.last! - a.first!) s")
        for (earlier, later) in zip(a, a.dropFirst()) {
            #expect(later - earlier >= 0.2, "a.test's requests \(later - earlier) s apart")
        }
        #expect(b.max()! < a.max()!, "b.test waited for a.test")
    }

    @Test func sitemapsSeedTheCrawl() async throws {
        let site = try CrawlSite { port in
            func urlset(_ urls: [String]) -> String {
                "<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
                    + urls.map { "<url><loc> \($0) </loc></url>" }.joined() + "</urlset>"
            }
            return ["a.test": [
                "robots.txt": "User-agent: *\nDisallow:\nSitemap: http://a.test:\(port)/maps/index.xml\n",
                "index.html": "seed",
                "maps/index.xml": """
                    <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
                    <sitemap><loc>http://a.test:\(port)/maps/index.xml</loc></sitemap>
                    <sitemap><loc>http://a.test:\(port)/maps/pages.xml.gz</loc></sitemap>
                    <sitemap><loc>http://a.test:\(port)/maps/bomb.xml.gz</loc></sitemap>
                    </sitemapindex>
                    """,
                "maps/pages.xml": urlset(["http://a.test:\(port)/s1.html", "http://a.test:\(port)/s2.html#x",
                                          "http://c.test:\(port)/out.html"]),
                "s1.html": "<a href='s3.html'>3</a>", "s2.html": "2", "s3.html": "3", "b1.html": "b1",
             ],
             "b.test": ["index.html": "seed", "sitemap.xml": urlset(["http://b.test:\(port)/q.html"]), "q.html": "q"]]
        }
        // pages.xml.gz is pages.xml gzipped; bomb.xml.gz is 200 MB of XML in 200 KB, past the cap.
        let maps = site.root + "/a.test/maps"
        let script = """
            import gzip, sys
            maps, port = sys.argv[1], sys.argv[2]
            open(maps + '/pages.xml.gz', 'wb').write(gzip.compress(open(maps + '/pages.xml', 'rb').read()))
            with gzip.open(maps + '/bomb.xml.gz', 'wb', compresslevel=9) as bomb:
                bomb.write(f'<urlset><url><loc>http://a.test:{port}/b1.html</loc></url>'.encode())
                for _ in range(200):
                    bomb.write(b' ' * (1 << 20))
            """
        #expect(try runProcessNow(["/usr/bin/env", "python3", "-c", script, maps, "\(site.port)"]).status == 0)
        let (records, _) = try await Self.crawl(site, seeds: [site.url("a.test", "index.html"), site.url("b.test", "index.html")],
                                                ["--sitemaps"])
        let pages = Dictionary(uniqueKeysWithValues: records.map { (Self.page($0["url"]), $0["depth"] as? Int ?? -1) })
        #expect(pages == ["a.test/index.html": 0, "b.test/index.html": 0, "a.test/s1.html": 0, "a.test/s2.html": 0,
                          "a.test/b1.html": 0, "b.test/q.html": 0, "a.test/s3.html": 1])
        let fetched = try site.requests().map { "\($0.host)\($0.uri)" }
        #expect(fetched.filter { $0 == "a.test/maps/index.xml" }.count == 1, "an index naming itself is read once")
    }

    @Test func byHostKeepsOneFilePerSite() async throws {
        let (site, _, seeds) = try Self.graphSite()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("by-host-\(UUID())").path
        let (records, _) = try await Self.crawl(site, seeds: seeds, ["--max-depth", "2", "--by-host", directory])
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        #expect(files == ["a.test.jsonl", "b.test.jsonl"])
        for file in files {
            let kept = try ScrapeBinary.objects(String(contentsOfFile: directory + "/" + file, encoding: .utf8))
            let host = String(file.dropLast(".jsonl".count))
            #expect(Set(kept.map { Self.page($0["url"]) }) == Set(records.map { Self.page($0["url"]) }.filter { $0.hasPrefix(host + "/") }))
        }
    }

    /// 100,000 links on one page, and one link of 100 KB: bounded work, bounded records.
    @Test(.timingBound) func aPageOfAHundredThousandLinks() async throws {
        let site = try CrawlSite { _ in
            ["a.test": ["many.html": (0..<100_000).map { "<a href=p\($0).html>\($0)</a>" }.joined()
                        + "<a href='/" + String(repeating: "x", count: 100_000) + "'>long</a>"]]
        }
        let started = ContinuousClock.now
        let (records, stderr) = try await Self.crawl(site, seeds: [site.url("a.test", "many.html")], ["--max-pages", "20"])
        #expect(records.count == 20)
        #expect(stderr.contains("100001 pages discovered") && stderr.contains("1 too long"), "\(stderr)")
        #expect(ContinuousClock.now - started < .seconds(60))
    }

    /// Ten thousand seed sites (addresses on loopback where nothing listens, so each fails at
    /// once): one record each, every host its own turn.
    @Test func tenThousandSeedHosts() async throws {
        let site = try CrawlSite { _ in ["a.test": ["index.html": "ok"]] }
        let seeds = [site.url("a.test", "index.html")]
            + (0..<10_000).map { "http://127.1.\($0 / 250).\($0 % 250 + 1):\(LocalSite.closedPort)/" }
        let (records, _) = try await Self.crawl(site, seeds: seeds, ["--connect-timeout", "2"])
        #expect(records.count == seeds.count)
        #expect(Set(records.compactMap { $0["url"] as? String }).count == seeds.count)
        #expect(records.filter { $0["ok"] as? Bool == true }.count == 1)
    }

    @Test func anEndlessCalendarEndsAtTheDefaultDepth() async throws {
        let site = try CrawlSite { _ in ["a.test": ["index.html": "x"]] }
        let (records, stderr) = try await Self.crawl(site, seeds: [site.url("a.test", "calendar")], [])
        #expect(records.map { $0["depth"] as? Int }.sorted { ($0 ?? -1) < ($1 ?? -1) } == [0, 1, 2, 3, 4, 5])
        #expect(stderr.contains("; 1 pages at --max-depth;"), "\(stderr)")
    }

    @Test func scopeDomainTakesSubdomainsAndIncludeExcludeNarrowIt() async throws {
        let site = try CrawlSite { port in
            ["a.test": ["index.html": """
                <a href="http://www.a.test:\(port)/w.html">www</a> <a href="http://c.test:\(port)/c.html">other</a>
                <a href="/skip-me.html">skip</a> <a href="/keep.html">keep</a>
                """, "skip-me.html": "s", "keep.html": "k"],
             "www.a.test": ["w.html": "w"], "c.test": ["c.html": "c"]]
        }
        let seed = site.url("a.test", "index.html")
        let host = try await Self.crawl(site, seeds: [seed], [])
        #expect(Set(host.records.map { Self.page($0["url"]) }) == ["a.test/index.html", "a.test/skip-me.html", "a.test/keep.html"])
        let domain = try await Self.crawl(site, seeds: [seed], ["--scope", "domain", "--exclude", "skip"])
        #expect(Set(domain.records.map { Self.page($0["url"]) }) == ["a.test/index.html", "www.a.test/w.html", "a.test/keep.html"])
        let included = try await Self.crawl(site, seeds: [seed], ["--scope", "any", "--include", "c\\.test|keep"])
        #expect(Set(included.records.map { Self.page($0["url"]) }) == ["a.test/index.html", "c.test/c.html", "a.test/keep.html"])
    }

    @Test func maxPagesStopsAndTheStateCarriesTheCrawlOn() async throws {
        let (site, graph, seeds) = try Self.graphSite()
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("crawl-state-\(UUID()).sqlite").path
        let first = try await Self.crawl(site, seeds: seeds, ["--max-depth", "3", "--max-pages", "10", "--state", state])
        #expect(first.records.count == 10)
        #expect(!first.stderr.contains(" 0 waiting"), "\(first.stderr)")
        let second = try await Self.crawl(site, seeds: seeds, ["--max-depth", "3", "--state", state])
        let pages = (first.records + second.records).map { Self.page($0["url"]) }
        #expect(pages.count == Set(pages).count, "a page has records in both runs")
        #expect(Set(pages) == Set(graph.breadthFirst(maxDepth: 3).keys))
        let indices = (first.records + second.records).compactMap { $0["index"] as? Int }
        #expect(Set(indices).count == indices.count)
        let third = try await Self.crawl(site, seeds: seeds, ["--max-depth", "3", "--state", state])
        #expect(third.records.isEmpty, "a finished crawl has nothing left to do")
        // Pages waiting deeper than a later run's --max-depth wait on; that run ends (it used to hang).
        let deeper = FileManager.default.temporaryDirectory.appendingPathComponent("crawl-deeper-\(UUID()).sqlite").path
        _ = try await Self.crawl(site, seeds: seeds, ["--max-depth", "3", "--max-pages", "10", "--state", deeper])
        let shallower = try await Self.crawl(site, seeds: seeds, ["--max-depth", "1", "--state", deeper])
        #expect(Set((first.records + shallower.records).compactMap { $0["depth"] as? Int }).isSubset(of: [0, 1, 2, 3]))
    }

    @Test func aCrawlKilledThreeTimesFinishesTheSameCrawl() async throws {
        let (site, graph, seeds) = try Self.graphSite()
        let list = try writeListFile(seeds)
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("crawl-killed-\(UUID()).sqlite").path
        let arguments = [ScrapeBinary.path, "--urls", list, "--crawl", "--max-depth", "3", "--state", state,
                         "--concurrency", "4", "--rate-per-host", "40"] + site.resolving(Graph.hosts)
        var lines: [String] = []
        for killAfter in [1, 8, 15] {
            let run = try RunningProcess(arguments)
            for _ in 0..<killAfter {
                guard let line = await run.readLine() else { break }
                lines.append(line)
            }
            run.send(SIGKILL)
            // Records the run wrote before it died count too; a line the kill cut short does not.
            let rest = run.readToEndNow()
            lines += rest.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
                .dropLast(rest.hasSuffix("\n") || rest.isEmpty ? 0 : 1)
            _ = await run.wait()
        }
        let last = try await ScrapeBinary.run(Array(arguments.dropFirst()))
        #expect(last.status == 0, "\(last.stderr)")
        let records = try ScrapeBinary.objects(lines.joined(separator: "\n")) + ScrapeBinary.objects(last.stdout)
        #expect(lines.count >= 15 && records.count - lines.count < 24, "the kills landed before the crawl ended")
        let pages = records.map { Self.page($0["url"]) }
        #expect(Set(pages) == Set(graph.breadthFirst(maxDepth: 3).keys))
        #expect(pages.count - Set(pages).count <= 3 * 4, "more pages than were in flight at the kills came twice")
        let fetched = try site.requests().map { "\($0.host)\($0.uri)" }
        #expect(fetched.count - Set(fetched).count <= 3 * 4)
    }

    /// Without `--state` the frontier is a file no one can reach: a crawl killed with SIGKILL
    /// leaves nothing in the temporary directory (it used to leave its whole database there).
    @Test func aKilledCrawlLeavesNoFrontierBehind() async throws {
        let (site, _, seeds) = try Self.graphSite()
        let list = try writeListFile(seeds)
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("killed-tmp-\(UUID())").path
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let run = try RunningProcess(["/usr/bin/env", "TMPDIR=\(scratch)", ScrapeBinary.path, "--urls", list, "--crawl",
                                      "--max-depth", "3", "--concurrency", "4", "--rate-per-host", "40"] + site.resolving(Graph.hosts))
        #expect(await run.readLine() != nil, "the crawl wrote a record, so its frontier was in use")
        run.send(SIGKILL)
        _ = run.readToEndNow()
        _ = await run.wait()
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch) == [])
    }
}

/// The parts of a crawl that need no server.
@Suite struct CrawlRuleTests {
    @Test func theRegistrableDomainFollowsThePublicSuffixList() throws {
        let list = try PublicSuffixList()
        #expect(list.registrableDomain(of: "www.example.co.uk") == "example.co.uk")
        #expect(list.registrableDomain(of: "example.co.uk") == "example.co.uk")
        #expect(list.registrableDomain(of: "co.uk") == nil)
        #expect(list.registrableDomain(of: "x.y.test") == "y.test", "an unlisted top-level domain is a suffix")
        #expect(list.registrableDomain(of: "a.b.c.kawasaki.jp") == "b.c.kawasaki.jp", "*.kawasaki.jp")
        #expect(list.registrableDomain(of: "www.city.kawasaki.jp") == "city.kawasaki.jp", "!city.kawasaki.jp")
    }

    /// More sites than files it may hold open: each record still lands in its site's file, whole.
    @Test func hostFilesStayFewWhileSitesAreMany() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("host-files-\(UUID())").path
        let sink = try HostFilesSink(directory: directory, openFiles: 2)
        for round in 0..<3 {
            for host in ["a.test", "b.test", "c.test", "[::1]", "xn--bcher-kva.example"] {
                let record = Record(index: round, url: "http://\(host)/\(round)", tag: "script")
                try sink.write(record, line: JSONLineEncoder.encode(record))
            }
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        #expect(files == ["___1_.jsonl", "a.test.jsonl", "b.test.jsonl", "c.test.jsonl", "xn--bcher-kva.example.jsonl"])
        let lines = try String(contentsOfFile: directory + "/b.test.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 3 && lines.allSatisfy { $0.contains("\"url\":\"http://b.test/") })
    }

    @Test func sitemapsAreReadAsStreams() throws {
        let sample = try Data(contentsOf: LocalSite.packageRoot.appendingPathComponent("samples/site/sitemap.xml"))
        #expect(SitemapReader.read(Array(sample)) == SitemapReader.Contents(
            isIndex: false, locations: ["http://127.0.0.1:8089/latin1.html", "http://127.0.0.1:8089/shiftjis.html"]))
        // Cut short, as a gzip bomb is at the cap: what came before the cut stands.
        let index = "<sitemapindex><sitemap><loc>\n http://x/a.xml\n</loc></sitemap>"
            + (0..<100).map { "<sitemap><loc>http://x/\($0).xml</loc></sitemap>" }.joined() + "<sitemap><lo"
        let cut = SitemapReader.read(Array(index.utf8))
        #expect(cut.isIndex && cut.isMalformed && cut.locations.first == "http://x/a.xml" && cut.locations.count > 90)
        let many = "<urlset>" + String(repeating: "<url><loc>http://x/</loc></url>", count: 10) + "</urlset>"
        #expect(SitemapReader.read(Array(many.utf8), limit: 3).locations.count == 3)
        #expect(SitemapReader.read(Array("not xml".utf8)).isMalformed)
    }

    /// A take reads the pages after its host's cursor, not the whole level before it: with 5,000
    /// pages of one level taken and still in flight, taking ten more costs about what the first
    /// ten did. (A row-value bound made SQLite scan the level from its start on every take.)
    @Test func takingFromADeepQueueCostsWhatTheTakeReturns() throws {
        let frontier = try SQLiteFrontier(path: nil)
        let urls = (0..<6_000).map { FrontierURL(url: "http://a.test/\($0)", host: "a.test") }
        _ = try frontier.apply([.offer(urls, depth: 1, parent: nil)])
        var before = frontier.takeInstructions
        #expect(try frontier.take(10, of: "a.test", maxDepth: 5).map(\.position.id) == Array(1...10))
        let first = frontier.takeInstructions - before
        for _ in 0..<499 { _ = try frontier.take(10, of: "a.test", maxDepth: 5) }
        before = frontier.takeInstructions
        #expect(try frontier.take(10, of: "a.test", maxDepth: 5).map(\.position.id) == Array(5_001...5_010))
        let later = frontier.takeInstructions - before
        #expect(later < first * 3, "\(later) instructions for the 501st take, \(first) for the first")
    }

    @Test func crawlDelayIsReadForOurGroupAndCapped() {
        let text = Array("User-agent: other\nCrawl-delay: 5\n\nUser-agent: *\nCrawl-delay: 0.5\nDisallow: /x\n".utf8)
        #expect(RobotsRules(parsing: text, for: "scrape").crawlDelay == 0.5)
        #expect(RobotsRules(parsing: text, for: "other").crawlDelay == 5)
        #expect(RobotsCache.spacing(forCrawlDelay: 0.25) == .milliseconds(250))
        #expect(RobotsCache.spacing(forCrawlDelay: 100_000) == RobotsCache.maxCrawlDelay)
    }

    @Test(arguments: [
        ("nofollow", true), ("noindex, nofollow", true), ("NONE", true), ("noindex", false), ("follow", false),
        ("otherbot: nofollow", false), ("scrape: nofollow", true), ("unavailable_after: 2030-01-01", false),
    ])
    func robotsDirectives(_ value: String, _ forbids: Bool) {
        #expect(LinkFollowing.forbidsFollowing(value) == forbids)
    }
}
