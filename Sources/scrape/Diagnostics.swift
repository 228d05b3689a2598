import ScrapeKit

/// Messages for people, on stderr: stdout carries records only.
enum Diagnostics {
    static func note(_ message: String) {
        DescriptorWriter.standardError.write(Array("scrape: \(message)\n".utf8))
    }

    static func warn(_ message: String) {
        note("warning: \(message)")
    }
}
