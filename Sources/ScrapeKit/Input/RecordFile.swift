import Foundation

/// Reads back a JSON Lines file of records (our output, a `--resume` file, or a benchmark peer's
/// output in the same shape), one record at a time.
///
/// Only each record's leading fields, everything before `"elements"`, are kept and parsed: a file
/// holding gigabytes of script text is read in constant memory, and quickly.
package enum RecordFile {
    /// Calls `body` with the leading fields of each line, or nil for a line that is not a record.
    /// A last line without its newline was cut short by a killed writer and is not passed on.
    package static func forEachHead(inFile path: String, _ body: (RecordHead?) -> Void) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw CocoaError(.fileReadNoPermission) }
        defer { try? handle.close() }
        let decoder = JSONDecoder()
        var head: [UInt8] = []
        while let block = try handle.read(upToCount: 1 << 20), !block.isEmpty {
            var start = block.startIndex
            while let newline = block[start...].firstIndex(of: UInt8(ascii: "\n")) {
                keep(block[start..<newline], in: &head)
                body(try? decoder.decode(RecordHead.self, from: Data(leadingFields(of: head))))
                head.removeAll(keepingCapacity: true)
                start = newline + 1
            }
            keep(block[start...], in: &head)
        }
    }

    /// Room for a URL and a final URL at their longest, and the small fields around them.
    private static let headLimit = 2 * URLSource.maxLineBytes + 4096

    private static func keep(_ bytes: Data.SubSequence, in head: inout [UInt8]) {
        guard head.count < headLimit else { return }
        head.append(contentsOf: bytes.prefix(headLimit - head.count))
    }

    /// The object made of the fields before `"elements"`, or before `"selections"` in a record
    /// of named selections (a quote inside a JSON string is escaped, so the first unescaped
    /// `"elements"` or `"selections"` is a key, and `"selections"` comes before any `"elements"`).
    private static func leadingFields(of line: [UInt8]) -> [UInt8] {
        let keys = [line.firstRange(of: Array(#""selections""#.utf8)), line.firstRange(of: Array(#""elements""#.utf8))]
        guard let key = keys.compactMap({ $0 }).min(by: { $0.lowerBound < $1.lowerBound }) else { return line }
        var end = key.lowerBound
        while end > 0 && (line[end - 1] == UInt8(ascii: " ") || line[end - 1] == UInt8(ascii: ",")) { end -= 1 }
        return Array(line[..<end]) + [UInt8(ascii: "}")]
    }
}
