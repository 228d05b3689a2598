import Foundation

/// The URLs an earlier run already scraped successfully, read back from its records, so that a
/// resumed run fetches only the rest.
///
/// Kept as 64-bit hashes: 200,000 URLs cost about 3 MB, and a false match needs a collision
/// (odds near 1 in 10^9 for a list that long).
public struct CompletedURLs: Sendable {
    private var hashes: Set<UInt64> = []

    /// None done yet.
    public init() {}

    /// Reads the `ok` records of a JSON Lines file (saved stdout or a `--resume` file) or of an
    /// `--out-dir` directory. Lines that are not records, such as one torn by a killed run,
    /// are passed over: their URLs are simply fetched again.
    public init(recordsAt path: String) throws {
        guard let isDirectory = FileAccess.isDirectory(path) else { return }
        if isDirectory {
            for name in try FileManager.default.contentsOfDirectory(atPath: path) where name.hasSuffix(".json") {
                try readLines(of: (path as NSString).appendingPathComponent(name))
            }
        } else {
            try readLines(of: path)
        }
    }

    /// How many distinct URLs are done.
    public var count: Int { hashes.count }

    /// Marks `url` as done.
    public mutating func insert(_ url: String) {
        hashes.insert(FNV1a.hash64(url))
    }

    /// Whether `url`, written exactly so, is done.
    public func contains(_ url: String) -> Bool {
        contains(hash: FNV1a.hash64(url))
    }

    /// The same, given `FNV1a.hash64` of the URL.
    func contains(hash: UInt64) -> Bool {
        hashes.contains(hash)
    }

    private mutating func readLines(of path: String) throws {
        try RecordFile.forEachHead(inFile: path) { head in
            guard let head, head.ok else { return }
            insert(head.url)
        }
    }
}
