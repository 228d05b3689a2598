import ArgumentParser
import ScrapeKit

/// A file an option names, checked before the run so a typo is a usage error, not a quiet failure.
enum ReadableFile {
    static func check(_ path: String, option: String) throws -> String {
        guard FileAccess.isReadableFile(path) else { throw ValidationError("\(option) \(path): no such readable file") }
        return path
    }
}
