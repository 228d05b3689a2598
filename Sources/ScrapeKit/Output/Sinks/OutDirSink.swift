import Curl
import Foundation
import ScrapeSystem
import WHATWGURL

/// Each record in a file of its own in a directory (`--out-dir`): `<host>-<16 hex of a hash of
/// the URL>.json`, holding the record's JSON line.
///
/// Each file is written to a temporary name and renamed into place, so a reader (or a run cut
/// short) never sees half a file. The temporary file has a random name and is created with
/// `O_EXCL | O_NOFOLLOW`, so a symlink planted in the directory is never written through.
public struct OutDirSink: RecordSink {
    public let directory: URL

    /// Creates the directory if needed; throws when that fails.
    public init(directory: String) throws {
        self.directory = URL(fileURLWithPath: directory, isDirectory: true)
        try FileManager.default.createDirectory(at: self.directory, withIntermediateDirectories: true)
    }

    public func write(_ record: Record, line: [UInt8]) throws(SinkError) {
        let final = directory.appendingPathComponent(Self.fileName(for: record.url)).path
        let random = String(UInt64.random(in: .min ... .max), radix: 16)
        let temporary = directory.appendingPathComponent(".\(random).tmp").path
        let file: FileDescriptor
        do throws(SystemError) { file = try .open(temporary, .createNew) } catch { throw SinkError(path: temporary, error) }
        do throws(SystemError) {
            defer { file.close() }
            try file.writeAll(line)
            try FileSystem.rename(temporary, to: final)
        } catch {
            FileSystem.remove(temporary)
            throw SinkError(path: final, error)
        }
    }

    /// A name that is stable for a URL, safe on any file system (at most 118 bytes), and groups
    /// files by site. 64 bits of hash: with 32, two URLs of one site shared a file once a site
    /// had tens of thousands of them, and `--resume` then fetched one of them on every run.
    public static func fileName(for url: String) -> String {
        "\(SiteName.of(url))-\(Hex.string(FNV1a.hash64(url), digits: 16)).json"
    }
}
