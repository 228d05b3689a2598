/// Totals of a run, for the end-of-run line on stderr and for benchmarks.
public struct RunSummary: Sendable {
    public private(set) var urls = 0
    public private(set) var ok = 0
    public private(set) var failures: [ErrorKind: Int] = [:]
    public private(set) var elements = 0
    public private(set) var bytes = 0

    public init() {}

    public var failed: Int { urls - ok }

    public mutating func add(_ record: Record) {
        urls += 1
        bytes += record.bytes ?? 0
        elements += record.elements.count
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
        parts.append(Self.megabytes(bytes))
        parts.append(Self.fixed(seconds, digits: 2) + " s")
        parts.append(Self.fixed(seconds > 0 ? Double(urls) / seconds : 0, digits: 1) + " pages/s")
        return parts.joined(separator: ", ")
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
