import Foundation

/// Splits a byte stream into lines, reading a block at a time.
struct LineReader {
    private var handle: FileHandle?
    private var memory: IndexingIterator<[String]>?
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false

    init(handle: FileHandle?) {
        self.handle = handle
        atEnd = handle == nil
    }

    init(lines: [String]) {
        memory = lines.makeIterator()
    }

    /// The next line without its line end (LF or CR LF); invalid UTF-8 is replaced, never dropped,
    /// so the line still gets a record.
    mutating func next() -> String? {
        if memory != nil { return memory!.next() }
        while true {
            if let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                defer { start = newline + 1 }
                return Self.line(buffer[start..<newline])
            }
            if buffer.count - start > URLSource.maxLineBytes {
                return skipOverlongLine()
            }
            guard refill() else {
                guard start < buffer.count else { return nil }
                defer { start = buffer.count }
                return Self.line(buffer[start...])
            }
        }
    }

    /// Reads another block; false at end of input.
    private mutating func refill() -> Bool {
        guard !atEnd, let handle else { return false }
        buffer.removeSubrange(0..<start)
        start = 0
        let block = (try? handle.read(upToCount: 64 * 1024)) ?? nil
        guard let block, !block.isEmpty else {
            atEnd = true
            return false
        }
        buffer.append(contentsOf: block)
        return true
    }

    /// Drops the rest of a line that is too long to be a URL and stands in a short prefix of it,
    /// which is not a valid URL and so becomes an `invalid_url` record.
    private mutating func skipOverlongLine() -> String {
        let prefix = Self.line(buffer[start..<(start + 200)])
        start = buffer.count
        while refill() {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                start = newline + 1
                break
            }
            start = buffer.count
        }
        return "\(prefix)… (line longer than \(URLSource.maxLineBytes) bytes)"
    }

    private static func line(_ bytes: ArraySlice<UInt8>) -> String {
        let trimmed = bytes.last == UInt8(ascii: "\r") ? bytes.dropLast() : bytes
        return String(decoding: trimmed, as: UTF8.self)
    }
}
