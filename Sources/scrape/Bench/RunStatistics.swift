import Foundation
import ScrapeKit

/// What one run of a contender produced and cost.
struct RunStatistics: Sendable {
    var wallSeconds: Double
    var cpuSeconds: Double
    var peakRSS: Int
    var status: Int32
    var pages = 0
    var ok = 0
    var bytes = 0
    /// Per-page latency (fetch + parse) in milliseconds, where the output reports it.
    var latencies: [Double] = []

    /// Reads the JSON Lines a contender wrote (only the fields before `"elements"`).
    mutating func read(outputAt path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { return }
        try RecordFile.forEachHead(inFile: path) { head in
            pages += 1
            guard let head else { return }
            if head.ok { ok += 1 }
            bytes += head.bytes ?? 0
            if let fetch = head.fetchMilliseconds {
                latencies.append(fetch + (head.parseMilliseconds ?? 0))
            }
        }
    }

    func latency(percentile: Double) -> Double? {
        guard !latencies.isEmpty else { return nil }
        let sorted = latencies.sorted()
        return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * percentile).rounded()))]
    }
}
