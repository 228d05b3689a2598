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
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return }
        if isDirectory.boolValue {
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
        !hashes.isEmpty && hashes.contains(FNV1a.hash64(url))
    }

    /// Only the fields before `"elements"` are parsed, so gigabytes of script text are skipped
    /// rather than decoded, and no line is held whole.
    private mutating func readLines(of path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw CocoaError(.fileReadNoPermission) }
        defer { try? handle.close() }
        let headLimit = 2 * URLSource.maxLineBytes + 4096
        var head: [UInt8] = []
        while let block = try handle.read(upToCount: 1 << 20), !block.isEmpty {
            var start = block.startIndex
            while let newline = block[start...].firstIndex(of: UInt8(ascii: "\n")) {
                if head.count < headLimit { head.append(contentsOf: block[start..<newline].prefix(headLimit - head.count)) }
                take(head)
                head.removeAll(keepingCapacity: true)
                start = newline + 1
            }
            if head.count < headLimit { head.append(contentsOf: block[start...].prefix(headLimit - head.count)) }
        }
        // A last line without its newline was cut short by a killed run: not a record.
    }

    private mutating func take(_ line: [UInt8]) {
        var head = line
        if let elements = line.firstRange(of: Array(#","elements":"#.utf8)) {
            head = Array(line[..<elements.lowerBound]) + [UInt8(ascii: "}")]
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(head)) as? [String: Any],
              object["ok"] as? Bool == true, let url = object["url"] as? String else { return }
        insert(url)
    }
}
