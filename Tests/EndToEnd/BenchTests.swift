import Foundation
import Testing

/// `scrape bench` end to end: real child processes against the local site, a peer, the report.
@Suite struct BenchTests {
    let site = LocalSite.shared

    @Test func benchComparesRunnersAndPeersAndWritesItsReports() async throws {
        let list = try writeListFile((0..<8).map { site.url("index.html?bench=\($0)") } + [site.url("missing.html")])
        let chart = list + ".svg", markdown = list + ".md"
        let result = try await ScrapeBinary.run([
            "bench", "--urls", list, "--runners", "async,blocking", "--repeat", "2", "--json",
            "--peer", "fetch only=\(ScrapeBinary.path) --urls {urls} --fetch-only --quiet",
            "--ideal", "0.01", "--chart", chart, "--markdown", markdown,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let rows = try #require(report["results"] as? [[String: Any]])
        #expect(rows.map { $0["name"] as? String } == ["scrape async", "scrape blocking", "fetch only"])
        for row in rows {
            #expect(row["pages"] as? Int == 9)
            #expect(row["ok"] as? Int == 8, "the missing page is a failed record, counted as a page")
            #expect(row["runs"] as? Int == 2)
            #expect((row["peak_rss_mb"] as? Double ?? 0) > 1)
        }
        #expect(try String(contentsOfFile: chart, encoding: .utf8).hasPrefix("<svg"))
        #expect(try String(contentsOfFile: markdown, encoding: .utf8).contains("| scrape async "))
    }

    @Test func benchHelpNeedsNoURLList() async throws {
        let help = try await ScrapeBinary.run(["bench", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("--runners"))
        #expect(try await ScrapeBinary.run(["bench"]).status == 2)
    }
}
