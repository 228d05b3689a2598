import Curl
import Foundation

/// Writes each record to its own file in a directory: `<host>-<8 hex of a hash of the URL>.json`.
///
/// Each file is written to a temporary name and renamed into place, so a reader (or a run cut
/// short) never sees half a file.
package struct OutDirWriter: Sendable {
    package let directory: URL

    /// Creates the directory if needed; throws when that fails.
    package init(directory: String) throws {
        self.directory = URL(fileURLWithPath: directory, isDirectory: true)
        try FileManager.default.createDirectory(at: self.directory, withIntermediateDirectories: true)
    }

    package func write(_ record: Record, encoded: [UInt8]) throws {
        let final = directory.appendingPathComponent(Self.fileName(for: record.url))
        let temporary = directory.appendingPathComponent(".\(final.lastPathComponent).\(getpid()).tmp")
        do {
            try Data(encoded).write(to: temporary)
            if rename(temporary.path, final.path) != 0 {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: final.path])
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    /// A name that is stable for a URL, safe on any file system, and groups files by site.
    package static func fileName(for url: String) -> String {
        let host = CurlURL(url)?.host ?? ""
        let safeHost = host.unicodeScalars.map { scalar -> Character in
            scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "." || scalar == "-"
                ? Character(scalar) : "_"
        }
        let name = safeHost.isEmpty ? "invalid" : String(safeHost.prefix(100))
        return "\(name)-\(hash8(url)).json"
    }

    /// 32 bits of FNV-1a as 8 hex digits.
    static func hash8(_ text: String) -> String {
        let hex = String(FNV1a.hash32(text), radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }
}
