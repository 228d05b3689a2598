import Foundation
import ScrapeKit

/// Runs the library pipeline in-process and returns its records sorted by index.
func scrape(_ urls: [String], runner: RunnerKind = .async,
            configure: (inout ScrapeOptions) -> Void = { _ in }) async -> [Record] {
    var options = ScrapeOptions()
    options.runner = runner
    options.fetch.retries = 0
    options.fetch.concurrency = 8
    configure(&options)
    var records: [Record] = []
    for await record in Scraper(options: options).records(for: urls) {
        records.append(record)
    }
    return records.sorted { $0.index < $1.index }
}

/// The record with its timings cleared, for comparing runs.
func withoutTimings(_ record: Record) -> Record {
    var record = record
    record.fetchMilliseconds = nil
    record.parseMilliseconds = nil
    return record
}

/// The `scrape` executable built next to this test bundle.
enum ScrapeBinary {
    static let path = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("scrape").path

    static func run(_ arguments: [String], input: String? = nil) async throws -> ProcessResult {
        try await runProcess([path] + arguments, input: input.map { Data($0.utf8) })
    }

    /// The JSON objects of a run's stdout, one per line; fails the caller if any line is not JSON.
    static func objects(_ stdout: String) throws -> [[String: Any]] {
        try stdout.split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
    }
}

/// Writes `lines` to a new temporary URL list and returns its path.
func writeListFile(_ lines: [String]) throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("sites-\(UUID()).txt").path
    try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: path))
    return path
}
