import ArgumentParser
import ChildProcess
import Foundation
import ScrapeKit

/// `scrape bench`: the runners side by side over the same URLs, each repeat in a fresh process.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Run the runners (and peer programs) side by side over the same URLs and compare them.",
        discussion: """
            Each contender runs --repeat times as a fresh process, interleaved with the others so \
            that machine noise spreads evenly; the run with the median wall time is reported. Peak \
            RSS and CPU time come from the kernel's accounting of the child process.
            """
    )

    @OptionGroup var options: RunOptions

    @Option(help: "Runners to compare, comma-separated.")
    var runners = "blocking,threads,async"

    @Option(help: "Runs per contender (the median is reported).")
    var `repeat` = 3

    @Option(name: .customLong("peer"), help: ArgumentHelp("Another program to compare, NAME=COMMAND; {urls} is replaced by the URL file. Repeatable.", valueName: "name=command"))
    var peers: [String] = []

    @Option(help: ArgumentHelp("Wall time of an ideal run, drawn as a line and used for 'x ideal'.", valueName: "seconds"))
    var ideal: Double?

    @Option(name: .customLong("ideal-label"), help: "What the ideal stands for.")
    var idealLabel: String?

    @Option(help: "Title of the table and chart.")
    var title = "scrape bench"

    @Option(name: .customLong("slow-after"), help: ArgumentHelp("A contender whose first run takes longer than this runs only once.", valueName: "seconds"))
    var slowAfter = 30.0

    @Flag(help: "Print the results as JSON instead of a table.")
    var json = false

    @Option(help: ArgumentHelp("Also write an SVG bar chart of pages/s here.", valueName: "file.svg"))
    var chart: String?

    @Option(help: ArgumentHelp("Also write the table as Markdown here.", valueName: "file.md"))
    var markdown: String?

    func validate() throws {
        guard `repeat` >= 1 else { throw ValidationError("--repeat must be at least 1") }
        for name in runnerNames where RunnerKind(rawValue: name) == nil {
            throw ValidationError("unknown runner '\(name)' in --runners")
        }
        for peer in peers where Contender(peer: peer) == nil {
            throw ValidationError("--peer takes NAME=COMMAND, got '\(peer)'")
        }
        let urls = try options.urls
        guard FileManager.default.isReadableFile(atPath: urls) else { throw ValidationError("cannot read \(urls)") }
    }

    private var runnerNames: [String] {
        runners.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    func run() throws {
        let urls = try options.urls
        let forwarded = try options.forwardedArguments
        let contenders = runnerNames.map { name in
            Contender(name: "scrape \(name)",
                      command: [ChildProcess.currentExecutable, "--urls", "{urls}", "--runner", name, "--quiet"] + forwarded)
        } + peers.compactMap(Contender.init(peer:))
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("scrape-bench-\(ProcessInfo.processInfo.processIdentifier).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: output) }

        let urlCount = try URLSource(path: urls).reduce(0) { count, _ in count + 1 }
        var runs = [[RunStatistics]](repeating: [], count: contenders.count)
        for round in 1...`repeat` {
            for (index, contender) in contenders.enumerated() {
                if round > 1, let first = runs[index].first, first.wallSeconds > slowAfter { continue }
                Diagnostics.note("bench: round \(round)/\(`repeat`): \(contender.name)")
                let measured = try ChildProcess.run(contender.arguments(urls: urls), stdoutPath: output)
                var statistics = RunStatistics(wallSeconds: measured.wallSeconds, cpuSeconds: measured.cpuSeconds,
                                               peakRSS: measured.peakRSS, status: measured.status)
                try statistics.read(outputAt: output)
                if statistics.pages == 0 { statistics.pages = urlCount } // a fetch-only peer writes no records
                if measured.status != 0 { Diagnostics.warn("\(contender.name) exited with status \(measured.status)") }
                runs[index].append(statistics)
            }
        }

        var results = zip(contenders, runs).map { BenchResult(name: $0.name, runs: $1) }
        let blocking = results.first { $0.name == "scrape blocking" }?.wallSeconds
        for index in results.indices {
            results[index].speedUpOverBlocking = blocking.map { $0 / results[index].wallSeconds }
            results[index].timesIdeal = ideal.map { results[index].wallSeconds / $0 }
        }
        let report = BenchReport(title: title, urls: urls, command: CommandLine.arguments.joined(separator: " "),
                                 idealSeconds: ideal, idealLabel: idealLabel, results: results)
        print(json ? report.json : report.table)
        if let chart { try report.svg.write(toFile: chart, atomically: true, encoding: .utf8) }
        if let markdown { try (report.table + "\n").write(toFile: markdown, atomically: true, encoding: .utf8) }
    }
}
