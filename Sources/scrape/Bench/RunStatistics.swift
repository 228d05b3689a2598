import Foundation

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

    /// Reads the JSON Lines a contender wrote. Only the fields before `"elements"` are looked
    /// at, so a run that wrote hundreds of megabytes of script text is read quickly.
    mutating func read(outputAt path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { return }
        defer { try? handle.close() }
        var pending: [UInt8] = []
        var skippingRest = false
        while let block = try handle.read(upToCount: 1 << 20), !block.isEmpty {
            var start = block.startIndex
            while let newline = block[start...].firstIndex(of: UInt8(ascii: "\n")) {
                if !skippingRest { pending.append(contentsOf: block[start..<newline]) }
                take(pending)
                pending.removeAll(keepingCapacity: true)
                skippingRest = false
                start = newline + 1
            }
            if !skippingRest {
                pending.append(contentsOf: block[start...])
                if pending.count > 4096 { skippingRest = true }
            }
        }
        if !pending.isEmpty { take(pending) }
    }

    private mutating func take(_ line: [UInt8]) {
        let head = String(decoding: line.prefix(4096), as: UTF8.self)
        let fields = head.components(separatedBy: "\"elements\"")[0]
        pages += 1
        if Self.value(of: "ok", in: fields) == "true" { ok += 1 }
        bytes += Self.value(of: "bytes", in: fields).flatMap { Int($0) } ?? 0
        let fetch = Self.value(of: "fetch_ms", in: fields).flatMap(Double.init)
        let parse = Self.value(of: "parse_ms", in: fields).flatMap(Double.init)
        if let fetch { latencies.append(fetch + (parse ?? 0)) }
    }

    /// The raw text of a scalar field (`"key": value`), whatever the spacing.
    private static func value(of key: String, in text: String) -> String? {
        guard let range = text.range(of: "\"\(key)\":") else { return nil }
        let rest = text[range.upperBound...].drop { $0 == " " }
        let end = rest.firstIndex { $0 == "," || $0 == "}" } ?? rest.endIndex
        return String(rest[..<end])
    }

    func latency(percentile: Double) -> Double? {
        guard !latencies.isEmpty else { return nil }
        let sorted = latencies.sorted()
        return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * percentile).rounded()))]
    }
}
