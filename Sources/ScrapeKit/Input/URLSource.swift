import Foundation

/// Streams the URLs of a list, one a line: surrounding blanks trimmed, empty lines and `#`
/// comments skipped, CR LF accepted. The file is read in blocks and never held whole, so a list
/// of millions costs no more memory than a list of ten.
public struct URLSource: Sequence, Sendable {
    /// Lines longer than this are not URLs anyone meant; they become `invalid_url` records
    /// instead of growing memory without bound (a binary file given by mistake has no newlines).
    public static let maxLineBytes = 64 * 1024

    enum Origin: Sendable {
        case file(String)
        case standardInput
        case lines([String])
    }

    let origin: Origin

    /// Opens `path` (`-` for standard input). Throws when the file cannot be read, before any
    /// work starts, so a typo gets a usage error rather than an empty run.
    public init(path: String) throws {
        if path == "-" {
            origin = .standardInput
            return
        }
        guard let isDirectory = FileAccess.isDirectory(path) else { throw URLSourceError("no such file: \(path)") }
        guard !isDirectory else { throw URLSourceError("\(path) is a directory, not a URL list") }
        guard FileManager.default.isReadableFile(atPath: path) else { throw URLSourceError("cannot read \(path)") }
        origin = .file(path)
    }

    /// URLs given in memory, one per element, with the same trimming and skipping as a file.
    public init(lines: [String]) {
        origin = .lines(lines)
    }

    /// Whether the list can be read a second time (a regular file can; standard input, a FIFO
    /// or a process substitution cannot), e.g. to count it while the run reads it.
    public var isRereadable: Bool {
        switch origin {
        case .standardInput:
            return false
        case .file(let path):
            // A FIFO, `<(cmd)` or `/dev/stdin` is a path too, but reading it a second time
            // would take lines from the run itself.
            var status = stat()
            return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
        case .lines:
            return true
        }
    }

    /// Reads the list from its start; a file can be read again, standard input only once.
    public func makeIterator() -> Iterator {
        switch origin {
        case .file(let path):
            return Iterator(lines: LineReader(handle: FileHandle(forReadingAtPath: path)))
        case .standardInput:
            return Iterator(lines: LineReader(handle: FileHandle.standardInput))
        case .lines(let lines):
            return Iterator(lines: LineReader(lines: lines))
        }
    }

    /// Yields the URLs of the list with their index, skipping blank and comment lines.
    public struct Iterator: IteratorProtocol {
        var lines: LineReader
        var index = 0

        /// The next URL, or nil at the end of the list.
        public mutating func next() -> InputURL? {
            while let line = lines.next() {
                let url = line.trimmingCharacters(in: .whitespaces)
                if url.isEmpty || url.hasPrefix("#") { continue }
                defer { index += 1 }
                return InputURL(index: index, url: url)
            }
            return nil
        }
    }
}

/// Why a URL list cannot be read (missing, a directory, not readable), told before any work starts.
public struct URLSourceError: Error, CustomStringConvertible, Sendable {
    /// A message for the person who gave the path.
    public let description: String
    init(_ description: String) { self.description = description }
}
