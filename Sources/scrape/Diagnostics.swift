import Foundation

/// Messages for people, on stderr: stdout carries records only.
enum Diagnostics {
    static func note(_ message: String) {
        FileHandle.standardError.write(Data("scrape: \(message)\n".utf8))
    }

    static func warn(_ message: String) {
        note("warning: \(message)")
    }
}
