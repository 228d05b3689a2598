import ArgumentParser
import Foundation
import ScrapeKit
import ScrapeSystem

@main
struct ScrapeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scrape",
        abstract: "Fetch many web pages concurrently and extract elements from them as JSON Lines.",
        discussion: """
            Writes one JSON object per input URL to stdout, failures included; progress, warnings \
            and the end-of-run summary go to stderr. Exit status: 0 when every URL has its record, \
            2 for a usage error, 130 after Ctrl-C (143 after SIGTERM, 129 after SIGHUP, each handled as Ctrl-C), 141 when stdout is closed early (as by `| head`), \
            1 when stdout, --out-dir, --by-host or --resume cannot be written for another reason.
            """,
        version: ScrapeVersion.current,
        subcommands: [BenchCommand.self]
    )

    @OptionGroup var options: RunOptions
    @OptionGroup(title: "Crawling") var crawl: CrawlArguments

    mutating func validate() throws {
        guard crawl.crawl else { return }
        if options.resume != nil { throw ValidationError("--resume does not apply to --crawl: give --state to carry a crawl on") }
        if options.shard != nil { throw ValidationError("--shard does not apply to --crawl") }
    }

    /// Like ArgumentParser's own entry point, except that usage errors exit with 2 and one line,
    /// as the output contract promises (ArgumentParser's default is 64 and the whole usage).
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var command = command as? AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                Diagnostics.note("\(message(for: error)) (see scrape --help)")
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }

    mutating func run() async throws {
        let source: URLSource
        do {
            source = try URLSource(path: try options.urls)
        } catch {
            throw ValidationError("\(error)")
        }
        let sinks = try RecordSinks(outDir: options.outDir, byHost: options.byHost, resume: options.resume, urls: try options.urls)
        var scrapeOptions = try options.scrapeOptions()
        scrapeOptions.completed = sinks.completed
        if options.insecure {
            Diagnostics.warn("--insecure: TLS certificates and host names are not checked; records fetched so say \"insecure\": true")
        }
        if let resume = options.resume, !options.quiet {
            Diagnostics.note("resuming: \(sinks.completed.count) URLs already done in \(resume)")
        }
        let session = ScrapeSession(options: scrapeOptions, crawl: crawl.crawl ? try crawl.options(robots: options.robots) : nil,
                                    sinks: sinks, quiet: options.quiet)
        Signal.brokenPipe.ignore()
        let ending = await session.run(source)
        if sinks.failedRecords > 0 {
            Diagnostics.note("\(sinks.failedRecords) records could not be written to --out-dir, --by-host or --resume")
        }
        switch ending {
        case .finished:
            if sinks.failedRecords > 0 { throw ExitCode(1) }
            return
        case .interrupted(let signal): throw ExitCode(128 + signal)
        case .outputFailed(let failure): throw ExitCode(SystemError(code: failure).isBrokenPipe ? 128 + Signal.brokenPipe.rawValue : 1)
        case .crawlFailed: throw ExitCode(1)
        }
    }
}
