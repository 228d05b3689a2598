import Foundation
import Testing

/// The library example of README.md (`Examples/ScriptSources`), built with the tests and run
/// against the local site, so that the documented usage cannot rot.
@Suite struct ExampleProgramTests {
    let site = LocalSite.shared

    @Test func theExampleRunsAsDocumented() async throws {
        let example = URL(fileURLWithPath: ScrapeBinary.path).deletingLastPathComponent().appendingPathComponent("scrape-example").path
        let result = try await runProcess([example, site.url("index.html"), site.url("missing.html")])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "\(site.url("index.html")): 5 scripts, 2 external, utf-8")
        #expect(lines.contains("  /static/app.js"))
        #expect(lines.last == "\(site.url("missing.html")): failed, http_status (HTTP 404)")
    }
}
