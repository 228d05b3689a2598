import Foundation

/// Everything `scrape bench` measured, rendered as a table, JSON or an SVG chart.
struct BenchReport: Encodable {
    var title: String
    var urls: String
    var command: String
    var idealSeconds: Double?
    var idealLabel: String?
    var results: [BenchResult]

    enum CodingKeys: String, CodingKey {
        case title, urls, command, results
        case idealSeconds = "ideal_s", idealLabel = "ideal_label"
    }

    /// A Markdown table, readable as plain text too.
    var table: String {
        let header = ["contender", "pages", "ok", "wall s", "pages/s", "MB/s", "p50 ms", "p95 ms", "peak RSS MB",
                      "CPU s", "vs blocking", "x ideal"]
        var rows = results.map { result -> [String] in
            [result.name + (result.runs > 1 ? "" : " (1 run)"), "\(result.pages)", "\(result.ok)",
             fixed(result.wallSeconds, 2), fixed(result.pagesPerSecond, 1), fixed(result.megabytesPerSecond, 1),
             result.latencyP50.map { fixed($0, 1) } ?? "-", result.latencyP95.map { fixed($0, 1) } ?? "-",
             fixed(result.peakRSSMegabytes, 1), fixed(result.cpuSeconds, 2),
             result.speedUpOverBlocking.map { fixed($0, 1) + "x" } ?? "-", result.timesIdeal.map { fixed($0, 2) } ?? "-"]
        }
        if let idealSeconds {
            let pages = results.first?.pages ?? 0
            rows.append(["ideal (\(idealLabel ?? "physical limit"))", "\(pages)", "-", fixed(idealSeconds, 2),
                         fixed(Double(pages) / idealSeconds, 1), "-", "-", "-", "-", "-", "-", "1.00"])
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max()! }
        func line(_ cells: [String]) -> String {
            "| " + cells.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
                .joined(separator: " | ") + " |"
        }
        let rule = "|" + widths.map { String(repeating: "-", count: $0 + 2) }.joined(separator: "|") + "|"
        return ([line(header), rule] + rows.map(line)).joined(separator: "\n")
    }

    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }

    /// Horizontal bars of pages/s, one per contender, with the ideal as a dashed line.
    var svg: String {
        let pages = Double(results.first?.pages ?? 0)
        let ideal = idealSeconds.map { pages / $0 }
        let top = max(results.map(\.pagesPerSecond).max() ?? 1, ideal ?? 0) * 1.1
        let labelWidth = 230.0, barArea = 520.0, rowHeight = 34.0
        let height = 90 + rowHeight * Double(results.count) + 40
        func x(_ value: Double) -> Double { labelWidth + barArea * value / top }
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(labelWidth + barArea + 120))" height="\(Int(height))" \
            font-family="Helvetica, Arial, sans-serif" font-size="13">
            <rect width="100%" height="100%" fill="white"/>
            <text x="16" y="28" font-size="17" font-weight="bold">\(escape(title))</text>
            <text x="16" y="50" fill="#555">pages per second, higher is better (median of repeats); \(Int(pages)) pages</text>

            """
        for (row, result) in results.enumerated() {
            let y = 70 + rowHeight * Double(row)
            let color = result.name.hasPrefix("scrape") ? "#2b6cb0" : "#a0aec0"
            svg += """
                <text x="\(labelWidth - 8)" y="\(y + 21)" text-anchor="end">\(escape(result.name))</text>
                <rect x="\(labelWidth)" y="\(y + 6)" width="\(max(1, x(result.pagesPerSecond) - labelWidth))" height="22" fill="\(color)"/>
                <text x="\(x(result.pagesPerSecond) + 6)" y="\(y + 21)">\(fixed(result.pagesPerSecond, 1))</text>

                """
        }
        let axisY = 70 + rowHeight * Double(results.count) + 8
        svg += "<line x1=\"\(labelWidth)\" y1=\"66\" x2=\"\(labelWidth)\" y2=\"\(axisY)\" stroke=\"#333\"/>\n"
        if let ideal {
            svg += """
                <line x1="\(x(ideal))" y1="62" x2="\(x(ideal))" y2="\(axisY)" stroke="#c53030" stroke-width="2" stroke-dasharray="6 4"/>
                <text x="\(x(ideal))" y="\(axisY + 18)" text-anchor="middle" fill="#c53030">ideal \(fixed(ideal, 1)) pages/s (\(escape(idealLabel ?? "physical limit")))</text>

                """
        }
        return svg + "</svg>\n"
    }

    private func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
    }
}
