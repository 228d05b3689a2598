import Foundation
import Testing

/// The progress line: drawn in a real terminal (tmux), absent when stderr is a pipe.
@Suite struct ProgressTests {
    let site = LocalSite.shared

    /// A tmux server of its own, so tests never touch a user's sessions.
    struct Terminal {
        let socket = "scrape-test-\(UUID().uuidString.prefix(8))"

        @discardableResult
        func tmux(_ arguments: [String]) async throws -> ProcessResult {
            try await runProcess(["/usr/bin/env", "tmux", "-L", socket, "-f", "/dev/null"] + arguments)
        }

        func screen() async throws -> String {
            try await tmux(["capture-pane", "-p", "-t", "run"]).stdout
        }
    }

    /// Runs `arguments` of scrape in a terminal, with stdout to `output`, and returns everything
    /// drawn once `summary` has been, and the screen at the end.
    ///
    /// Everything the run writes to the terminal is recorded (`pipe-pane`) from before it
    /// starts, so the test reads what was drawn rather than racing to catch it on screen: a
    /// loaded machine can finish the run between two looks.
    private func drawn(running arguments: [String], output: String, until summary: String) async throws -> (drawn: String, screen: String) {
        let capture = output + ".tty"
        let terminal = Terminal()
        // The server ends with its last session (kill-server alone left servers running here).
        defer { _ = try? runProcessNow(["/usr/bin/env", "tmux", "-L", terminal.socket, "kill-session", "-t", "run"]) }
        let command = "tmux -L \(terminal.socket) wait-for go; "
            + ([ScrapeBinary.path] + arguments).map { "'\($0)'" }.joined(separator: " ") + " > '\(output)'; "
            + "tmux -L \(terminal.socket) wait-for -S finished"
        try await terminal.tmux(["start-server", ";", "set-option", "-g", "remain-on-exit", "on", ";",
                                 "new-session", "-d", "-s", "run", "-x", "200", "-y", "12", command])
        try await terminal.tmux(["pipe-pane", "-t", "run", "cat >> '\(capture)'"])
        try await terminal.tmux(["wait-for", "-S", "go"])
        try await terminal.tmux(["wait-for", "finished"])

        // tmux copies pane output to the pipe on its own schedule: wait for the summary to arrive.
        var drawn = ""
        let deadline = ContinuousClock.now + .seconds(30)
        while !drawn.contains(summary) && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
            drawn = (try? String(contentsOfFile: capture, encoding: .utf8)) ?? ""
        }
        return (drawn, try await terminal.screen())
    }

    @Test func aTerminalSeesOneUpdatingLineThenTheSummary() async throws {
        let urls = (0..<12).map { site.url("delay/0.3/progress-\($0)") }
        let list = try writeListFile(urls)
        let output = list + ".out"
        let (drawn, after) = try await drawn(running: ["--urls", list, "--concurrency", "2"], output: output, until: "12 URLs, 12 ok")
        let lines = drawn.split(whereSeparator: { $0 == "\r" || $0 == "\n" })
        let line = try #require(lines.first { $0.contains("in flight") && $0.contains("/12 ") })
        #expect(line.contains("scrape: "))
        #expect(line.contains("pages/s"))

        #expect(after.contains("scrape: 12 URLs, 12 ok, 0 failed"))
        #expect(!after.contains("in flight"), "the progress line is erased, not left above the summary")
        #expect(try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n").count == 12)
    }

    /// A crawl does not know how many pages it will find: its line shows the pages done, the rate
    /// and how many wait in the frontier.
    @Test func aCrawlShowsItsFrontier() async throws {
        let crawl = try CrawlSite { _ in ["a.test": ["index.html": "x"]] }
        let list = try writeListFile([crawl.url("a.test", "slowtree/")])
        let (drawn, after) = try await drawn(
            running: ["--urls", list, "--crawl", "--max-depth", "2", "--per-host", "2"] + crawl.resolving(["a.test"]),
            output: list + ".out", until: "111 URLs, 111 ok")
        let lines = drawn.split(whereSeparator: { $0 == "\r" || $0 == "\n" })
        let line = try #require(lines.first { $0.contains("in the frontier") && $0.contains(" done") })
        #expect(line.contains("pages/s"))
        #expect(after.contains("crawl: 111 pages discovered"))
    }

    @Test func aPipeGetsOnlyTheSummary() async throws {
        let list = try writeListFile((0..<5).map { site.url("delay/0.2/piped-\($0)") })
        let result = try await ScrapeBinary.run(["--urls", list])
        #expect(result.status == 0)
        #expect(!result.stderr.contains("\r") && !result.stderr.contains("in flight"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }
}
