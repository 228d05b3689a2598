/// Totals of a run, for the end-of-run line on stderr and for benchmarks.
public struct RunSummary: Sendable {
    /// Records counted.
    public private(set) var urls = 0
    /// Records of pages fetched and parsed.
    public private(set) var ok = 0
    /// Failed records by kind.
    public private(set) var failures: [ErrorKind: Int] = [:]
    /// Elements extracted, over all pages.
    public private(set) var elements = 0
    /// Values extracted (`::text`, `::attr()`, XPath), over all pages.
    public private(set) var values = 0
    /// Decoded body bytes, over all pages.
    public private(set) var bytes = 0

    /// Nothing counted yet.
    public init() {}

    /// Records of URLs that failed.
    public var failed: Int { urls - ok }

    /// Counts one record.
    public mutating func add(_ record: Record) {
        urls += 1
        bytes += record.bytes ?? 0
        elements += record.elements.count + record.selections.reduce(0) { $0 + $1.elements.count }
        values += record.values.count + record.selections.reduce(0) { $0 + $1.values.count }
        if let error = record.error { failures[error.kind, default: 0] += 1 } else { ok += 1 }
    }

    /// One line, e.g. `12 URLs, 10 ok, 2 failed (connect 1, http_status 1), 345 elements, 1.2 MB, 0.53 s, 22.6 pages/s`.
    public func line(seconds: Double) -> String {
        var parts = ["\(urls) URLs", "\(ok) ok", "\(failed) failed"]
        if !failures.isEmpty {
            let kinds = failures.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue) \($0.value)" }
            parts[2] += " (\(kinds.joined(separator: ", ")))"
        }
        parts.append("\(elements) elements")
        if values > 0 { parts.append("\(values) values") }
        parts.append(Self.megabytes(bytes))
        parts.append(Self.fixed(seconds, digits: 2) + " s")
        parts.append(Self.fixed(seconds > 0 ? Double(urls) / seconds : 0, digits: 1) + " pages/s")
        return parts.joined(separator: ", ")
    }

    /// The progress line shown while a run goes on, e.g.
    /// `1234/20000 6% · 1200 ok · 34 failed · 182.3 pages/s · 12.3 MB · 64 in flight · ETA 1m 40s`.
    /// - Parameters:
    ///   - seconds: time since the run started.
    ///   - total: URLs the run will take, when known.
    ///   - inFlight: URLs read whose records are not out yet.
    public func progress(seconds: Double, total: Int?, inFlight: Int) -> String {
        let rate = seconds > 0 ? Double(urls) / seconds : 0
        var parts: [String] = []
        if let total, total > 0 {
            parts.append("\(urls)/\(total) \(min(100, urls * 100 / total))%")
        } else {
            parts.append("\(urls) done")
        }
        parts += ["\(ok) ok", "\(failed) failed", Self.fixed(rate, digits: 1) + " pages/s", Self.megabytes(bytes),
                  "\(inFlight) in flight"]
        if let total, rate > 0, total > urls {
            parts.append("ETA " + Self.duration(Double(total - urls) / rate))
        }
        return parts.joined(separator: " · ")
    }

    /// `45s`, `3m 20s`, `2h 05m`.
    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.up))
        if whole < 60 { return "\(whole)s" }
        if whole < 3600 { return "\(whole / 60)m \(whole % 60)s" }
        let minutes = (whole % 3600) / 60
        return "\(whole / 3600)h \(minutes < 10 ? "0" : "")\(minutes)m"
    }

    static func megabytes(_ bytes: Int) -> String {
        fixed(Double(bytes) / 1_000_000, digits: 1) + " MB"
    }

    static func fixed(_ value: Double, digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = Int((value * scale).rounded())
        let whole = scaled / Int(scale)
        let fraction = String(abs(scaled) % Int(scale))
        return "\(whole).\(String(repeating: "0", count: digits - fraction.count))\(fraction)"
    }
}
