/// HTML5's "preprocessing the input stream": CR LF and lone CR become LF. NUL becomes U+FFFD too,
/// because libxml2 2.9.14 stops reading at a NUL; where each one was is kept, for the one place
/// HTML5 treats it otherwise (text in HTML content drops it).
///
/// libxml2 also keeps CR in script text, which a browser never shows.
enum InputStream {
    /// The document, and the offsets of the U+FFFD that stand for NULs, in order.
    static func preprocess(_ utf8: [UInt8]) -> (document: [UInt8], nulls: [Int]) {
        guard utf8.firstIndex(of: 0x0D, from: 0) != nil || utf8.firstIndex(of: 0x00, from: 0) != nil else {
            return (utf8, [])
        }
        var output: [UInt8] = []
        var nulls: [Int] = []
        output.reserveCapacity(utf8.count + 16)
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            switch byte {
            case 0x0D:
                output.append(0x0A)
                if index + 1 < utf8.count, utf8[index + 1] == 0x0A { index += 1 }
            case 0x00:
                nulls.append(output.count)
                output.append(contentsOf: Self.replacementCharacter)
            default:
                output.append(byte)
            }
            index += 1
        }
        return (output, nulls)
    }

    /// U+FFFD in UTF-8.
    static let replacementCharacter: [UInt8] = [0xEF, 0xBF, 0xBD]
}
