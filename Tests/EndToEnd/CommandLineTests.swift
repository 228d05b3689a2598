import Foundation
import Testing
@testable import ScrapeKit

/// The `scrape` binary end to end: stdout, stderr, files and exit status as a user sees them.
@Suite struct CommandLineTests {
    let site = LocalSite.shared


    @Test func stdoutIsOneJSONObjectPerURLAndTheSummaryGoesToStderr() async throws {
        let list = try writeListFile(["# demo", "", site.url("index.html"), "  " + site.url("missing.html") + "  ", "ftp://x/"])
        let result = try await ScrapeBinary.run(["--urls", list, "--retries", "0"])
        #expect(result.status == 0)
        let objects = try ScrapeBinary.objects(result.stdout)
        #expect(objects.count == 3)
        #expect(Set(objects.map { $0["index"] as! Int }) == [0, 1, 2])
        #expect(result.stderr.contains("3 URLs, 1 ok, 2 failed (http_status 1, unsupported_scheme 1)"))
        #expect(!result.stdout.contains("scrape:"))
    }

    @Test func readsStandardInput() async throws {
        let result = try await ScrapeBinary.run(["--urls", "-", "--quiet"], input: site.url("about.html") + "\r\n" + site.url("index.html"))
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        let objects = try ScrapeBinary.objects(result.stdout).sorted { ($0["index"] as! Int) < ($1["index"] as! Int) }
        #expect(objects.map { $0["count"] as! Int } == [0, 5])
    }

    @Test func orderedFlagWritesInInputOrder() async throws {
        let urls = [site.url("delay/0.3/slow")] + (1..<20).map { site.url("about.html?\($0)") }
        let result = try await ScrapeBinary.run(["--urls", try writeListFile(urls), "--ordered", "--quiet"])
        #expect(try ScrapeBinary.objects(result.stdout).map { $0["index"] as! Int } == Array(0..<20))
    }

    @Test func outDirHoldsOneFilePerURLWithTheSameObject() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("out-\(UUID())").path
        let urls = [site.url("index.html"), site.url("latin1.html"), "not a url"]
        let result = try await ScrapeBinary.run(["--urls", try writeListFile(urls), "--out-dir", directory, "--quiet"])
        #expect(result.status == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        #expect(files.count == 3)
        #expect(files.allSatisfy { $0.hasSuffix(".json") && !$0.hasPrefix(".") })
        #expect(files.filter { $0.hasPrefix("127.0.0.1-") }.count == 2)
        let lines = Set(result.stdout.split(separator: "\n").map(String.init))
        for file in files {
            let contents = try String(contentsOfFile: directory + "/" + file, encoding: .utf8)
            #expect(lines.contains(String(contents.dropLast())))
        }
        #expect(files.contains(OutDirSink.fileName(for: site.url("index.html"))))
    }

    @Test func usageErrorsExitWithTwoAndOneLine() async throws {
        let missing = try await ScrapeBinary.run(["--urls", "/nonexistent/list.txt"])
        #expect(missing.status == 2)
        #expect(missing.stdout.isEmpty)
        #expect(missing.stderr.contains("no such file"))
        #expect(try await ScrapeBinary.run(["--urls", "-", "--runner", "carrier-pigeon"]).status == 2)
        #expect(try await ScrapeBinary.run(["--urls", "-", "--concurrency", "0"]).status == 2)
        #expect(try await ScrapeBinary.run(["--urls", "-", "--max-bytes", "lots"]).status == 2)
    }

    /// Values that once overflowed a conversion and crashed with SIGILL (exit 132).
    @Test(arguments: [["--max-bytes", "9999999999999G"], ["--timeout", "inf"], ["--timeout", "1e300"],
                      ["--connect-timeout", "1e17"], ["--rate-per-host", "1e-10"], ["--timeout", "nan"],
                      ["--concurrency", "3000000000000000000"], ["--retries", "-1"], ["--per-host", "0"]])
    func outOfRangeNumbersAreUsageErrors(_ option: [String]) async throws {
        let result = try await ScrapeBinary.run(["--urls", "-"] + option, input: site.url("index.html"))
        #expect(result.status == 2, "\(option)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
    }

    @Test func resumeRefusesAFIFOAndTheListItself() async throws {
        let fifo = FileManager.default.temporaryDirectory.appendingPathComponent("resume-\(UUID()).fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        defer { unlink(fifo) }
        let list = try writeListFile([site.url("index.html")])
        let onFIFO = try await ScrapeBinary.run(["--urls", list, "--resume", fifo])
        #expect(onFIFO.status == 2)
        #expect(onFIFO.stderr.contains("not a regular file or a directory"))
        let onItself = try await ScrapeBinary.run(["--urls", list, "--resume", list])
        #expect(onItself.status == 2)
        #expect(onItself.stderr.contains("is also the --urls list"))
    }

    @Test func recordsThatCannotBeKeptFailTheRunWithOneWarning() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("blocked-\(UUID())").path
        let urls = (0..<5).map { site.url("index.html?blocked=\($0)") }
        // A directory where each record's file should go: every rename into place fails.
        for url in urls {
            try FileManager.default.createDirectory(atPath: directory + "/" + OutDirSink.fileName(for: url),
                                                    withIntermediateDirectories: true)
        }
        let result = try await ScrapeBinary.run(["--urls", try writeListFile(urls), "--out-dir", directory, "--quiet"])
        #expect(result.status == 1)
        #expect(try ScrapeBinary.objects(result.stdout).count == 5, "stdout still gets every record")
        #expect(result.stderr.split(separator: "\n").filter { $0.contains("could not keep") }.count == 1)
        #expect(result.stderr.contains("5 records could not be written"))
    }

    @Test func invalidSelectorExitsTwoNamingPositionAndExpectation() async throws {
        let result = try await ScrapeBinary.run(["--urls", "-", "--select", "a[href"], input: site.url("index.html"))
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "scrape: --select 'a[href': at position 6: expected an attribute operator (=, ~=, |=, ^=, $=, *=) or ] (see scrape --help)\n")
    }

    @Test func singleSelectKeepsTheTagRecordShape() async throws {
        let result = try await ScrapeBinary.run(["--urls", "-", "-s", "ul > li:nth-child(2n+1)", "--quiet"], input: site.url("index.html"))
        let object = try ScrapeBinary.objects(result.stdout)[0]
        #expect(object["tag"] as? String == "ul > li:nth-child(2n+1)")
        #expect(object["count"] as? Int == 2)
        #expect((object["elements"] as? [[String: Any]])?.map { $0["name"] as? String } == ["li", "li"])
    }

    @Test func namedSelectionsKeepOneShapeForFailuresToo() async throws {
        let list = try writeListFile([site.url("index.html"), "http://127.0.0.1:1/"])
        let result = try await ScrapeBinary.run(["--urls", list, "--ordered", "--quiet",
                                                 "--select", "items=li", "--select", "links=a[href^='/']"])
        let objects = try ScrapeBinary.objects(result.stdout)
        #expect(objects.count == 2)
        let selections = objects.compactMap { $0["selections"] as? [String: [String: Any]] }
        #expect(selections.map { $0["items"]?["count"] as? Int } == [3, 0])
        #expect(selections.map { $0["links"]?["count"] as? Int } == [3, 0])
        #expect(selections.map { $0["links"]?["selector"] as? String } == ["a[href^='/']", "a[href^='/']"])
        #expect(selections.allSatisfy { ($0["items"]?["elements"] as? [Any]) != nil })
        #expect(objects.allSatisfy { $0["tag"] == nil && $0["elements"] == nil })
    }

    @Test func severalSelectsNeedNamesAndCannotMixWithTag() async throws {
        let unnamed = try await ScrapeBinary.run(["--urls", "-", "-s", "a=li", "-s", "p"], input: site.url("index.html"))
        #expect(unnamed.status == 2)
        #expect(unnamed.stderr.contains("give each a name"))
        let mixed = try await ScrapeBinary.run(["--urls", "-", "--tag", "a", "-s", "p"], input: site.url("index.html"))
        #expect(mixed.status == 2)
    }

    @Test func xpathMixesWithSelectAndBadExpressionsAreUsageErrors() async throws {
        let result = try await ScrapeBinary.run(["--urls", "-", "--quiet", "-s", "items=li ::text", "--xpath", "n=count(//li)",
                                                 "--xpath", "src=//script/@src", "--absolute"], input: site.url("index.html"))
        let selections = try #require(try ScrapeBinary.objects(result.stdout).first?["selections"] as? [String: [String: Any]])
        #expect(Array(selections.keys).sorted() == ["items", "n", "src"])
        #expect(selections["n"]?["values"] as? [String] == ["3"])
        #expect((selections["src"]?["values"] as? [String])?.first == site.url("static/app.js"))
        #expect(selections["items"]?["count"] as? Int == 3)
        let broken = try await ScrapeBinary.run(["--urls", "-", "--xpath", "//a["], input: site.url("index.html"))
        #expect(broken.status == 2)
        #expect(broken.stdout.isEmpty)
        #expect(broken.stderr.contains("--xpath '//a[': at position 4: Invalid expression"))
        let huge = try await ScrapeBinary.run(["--urls", "-", "--xpath", String(repeating: "//a|", count: 17_500)], input: site.url("index.html"))
        #expect(huge.status == 2)
        #expect(huge.stderr.contains("expressions are limited to 65536 bytes"))
    }

    @Test(arguments: ["async", "threads", "blocking"])
    func runnersAreSelectableAndAgree(runner: String) async throws {
        let list = try writeListFile([site.url("products.html"), site.url("shiftjis.html")])
        let result = try await ScrapeBinary.run(["--urls", list, "--runner", runner, "--ordered", "--quiet"])
        let objects = try ScrapeBinary.objects(result.stdout)
        #expect(objects.map { $0["count"] as! Int } == [5, 1])
        #expect(objects.map { $0["charset"] as! String } == ["utf-8", "shift_jis"])
    }

    @Test func tagOptionIsCaseInsensitive() async throws {
        let result = try await ScrapeBinary.run(["--urls", "-", "--tag", "LI", "--quiet"], input: site.url("index.html"))
        let object = try ScrapeBinary.objects(result.stdout)[0]
        #expect(object["tag"] as? String == "li")
        #expect(object["count"] as? Int == 3)
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func completionScriptsKnowEveryOption(shell: String) async throws {
        let result = try await ScrapeBinary.run(["--generate-completion-script", shell])
        #expect(result.status == 0)
        for option in ["--urls", "--shard", "--resume", "--robots", "--rate-per-host"] {
            #expect(result.stdout.contains(option.dropFirst(2)), "\(shell) completion lacks \(option)")
        }
    }
}
