/// A contender's figures over its repeats: the run with the median wall time stands for it.
struct BenchResult: Sendable, Encodable {
    var name: String
    var runs: Int
    var pages: Int
    var ok: Int
    var wallSeconds: Double
    var wallSecondsAll: [Double]
    var pagesPerSecond: Double
    var megabytesPerSecond: Double
    var latencyP50: Double?
    var latencyP95: Double?
    var peakRSSMegabytes: Double
    var cpuSeconds: Double
    var speedUpOverBlocking: Double?
    var timesIdeal: Double?
    var failedRuns: Int

    enum CodingKeys: String, CodingKey {
        case name, runs, pages, ok
        case wallSeconds = "wall_s", wallSecondsAll = "wall_s_all", pagesPerSecond = "pages_per_s"
        case megabytesPerSecond = "mb_per_s", latencyP50 = "latency_p50_ms", latencyP95 = "latency_p95_ms"
        case peakRSSMegabytes = "peak_rss_mb", cpuSeconds = "cpu_s", speedUpOverBlocking = "speedup_over_blocking"
        case timesIdeal = "x_ideal", failedRuns = "failed_runs"
    }

    init(name: String, runs: [RunStatistics]) {
        let ordered = runs.sorted { $0.wallSeconds < $1.wallSeconds }
        let median = ordered[ordered.count / 2]
        self.name = name
        self.runs = runs.count
        pages = median.pages
        ok = median.ok
        wallSeconds = median.wallSeconds
        wallSecondsAll = runs.map(\.wallSeconds)
        pagesPerSecond = Double(median.pages) / median.wallSeconds
        megabytesPerSecond = Double(median.bytes) / 1_000_000 / median.wallSeconds
        latencyP50 = median.latency(percentile: 0.5)
        latencyP95 = median.latency(percentile: 0.95)
        peakRSSMegabytes = Double(median.peakRSS) / 1_048_576
        cpuSeconds = median.cpuSeconds
        failedRuns = runs.filter { $0.status != 0 }.count
    }
}
