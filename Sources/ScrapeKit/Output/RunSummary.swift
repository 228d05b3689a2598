/// Totals of a run: what the command line's end-of-run line and progress line report, and what
/// a benchmark counts.
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
}
