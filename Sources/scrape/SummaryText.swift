import ScrapeKit

/// The run's totals as the command line writes them on stderr.
extension RunSummary {
    /// One line, e.g. `12 URLs, 10 ok, 2 failed (connect 1, http_status 1), 345 elements, 1.2 MB, 0.53 s, 22.6 pages/s`.
    func line(seconds: Double) -> String {
        var parts = ["\(urls) URLs", "\(ok) ok", "\(failed) failed"]
        if !failures.isEmpty {
            let kinds = failures.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue) \($0.value)" }
            parts[2] += " (\(kinds.joined(separator: ", ")))"
        }
        parts.append("\(elements) elements")
        if values > 0 { parts.append("\(values) values") }
        parts.append(megabytes(bytes))
        parts.append(fixed(seconds, 2) + " s")
        parts.append(fixed(seconds > 0 ? Double(urls) / seconds : 0, 1) + " pages/s")
        return parts.joined(separator: ", ")
    }

    /// The progress line shown while a run goes on, e.g.
    /// `1234/20000 6% · 1200 ok · 34 failed · 182.3 pages/s · 12.3 MB · 64 in flight · ETA 1m 40s`.
    /// - Parameters:
    ///   - seconds: time since the run started.
    ///   - total: URLs the run will take, when known.
    ///   - inFlight: URLs read whose records are not out yet.
    func progress(seconds: Double, total: Int?, inFlight: Int) -> String {
        let rate = seconds > 0 ? Double(urls) / seconds : 0
        var parts: [String] = []
        if let total, total > 0 {
            parts.append("\(urls)/\(total) \(min(100, urls * 100 / total))%")
        } else {
            parts.append("\(urls) done")
        }
        parts += ["\(ok) ok", "\(failed) failed", fixed(rate, 1) + " pages/s", megabytes(bytes), "\(inFlight) in flight"]
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

    private func megabytes(_ bytes: Int) -> String {
        fixed(Double(bytes) / 1_000_000, 1) + " MB"
    }
}
