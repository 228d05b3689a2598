import ScrapeSystem

/// Messages for people, on stderr: stdout carries records only.
enum Diagnostics {
    /// On a terminal each message first erases the progress line, which is then redrawn below it.
    private static let onTerminal = FileDescriptor.standardError.isTerminal
    private static let eraseLine = "\r\u{1B}[K"

    static func note(_ message: String) {
        write((onTerminal ? eraseLine : "") + "scrape: \(message)\n")
    }

    static func warn(_ message: String) {
        note("warning: \(message)")
    }

    /// Replaces the progress line with `line`, or erases it.
    static func redraw(_ line: String?) {
        write(eraseLine + (line ?? ""))
    }

    private static func write(_ text: String) {
        try? FileDescriptor.standardError.writeAll(Array(text.utf8))
    }
}
