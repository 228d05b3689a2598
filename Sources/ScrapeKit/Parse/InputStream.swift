import ScrapeSystem

/// HTML5's "preprocessing the input stream": CR LF and lone CR become LF. NUL becomes U+FFFD too,
/// because libxml2 2.9.14 stops reading at a NUL; where each one was is kept, for the one place
/// HTML5 treats it otherwise (text in HTML content drops it).
///
/// libxml2 also keeps CR in script text, which a browser never shows.
enum InputStream {
    /// The document, and the offsets of the U+FFFD that stand for NULs, in order.
    ///
    /// Pages written on Windows have a CR on every line, so the bytes between two CRs (or NULs)
    /// are copied as a run, each found by `memchr`.
    static func preprocess(_ utf8: [UInt8]) -> (document: [UInt8], nulls: [Int]) {
        var nextReturn = utf8.firstIndex(of: 0x0D, from: 0) ?? utf8.count
        var nextNull = utf8.firstIndex(of: 0x00, from: 0) ?? utf8.count
        guard nextReturn < utf8.count || nextNull < utf8.count else { return (utf8, []) }
        var output: [UInt8] = []
        var nulls: [Int] = []
        output.reserveCapacity(utf8.count + 16)
        var index = 0
        while true {
            let special = min(nextReturn, nextNull)
            output.append(contentsOf: utf8[index..<special])
            guard special < utf8.count else { break }
            index = special + 1
            if special == nextReturn {
                output.append(0x0A)
                if index < utf8.count, utf8[index] == 0x0A { index += 1 }
                nextReturn = utf8.firstIndex(of: 0x0D, from: index) ?? utf8.count
            } else {
                nulls.append(output.count)
                output.append(contentsOf: Self.replacementCharacter)
                nextNull = utf8.firstIndex(of: 0x00, from: index) ?? utf8.count
            }
        }
        return (output, nulls)
    }

    /// U+FFFD in UTF-8.
    static let replacementCharacter: [UInt8] = [0xEF, 0xBF, 0xBD]
}
