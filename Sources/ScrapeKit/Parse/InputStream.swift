/// HTML5's "preprocessing the input stream": CR LF and lone CR become LF, and NUL becomes U+FFFD.
///
/// libxml2 2.9.14 does neither: it keeps CR in script text and stops reading a script at a NUL.
enum InputStream {
    static func preprocess(_ utf8: [UInt8]) -> [UInt8] {
        guard utf8.firstIndex(of: 0x0D, from: 0) != nil || utf8.firstIndex(of: 0x00, from: 0) != nil else { return utf8 }
        var output: [UInt8] = []
        output.reserveCapacity(utf8.count + 16)
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            switch byte {
            case 0x0D:
                output.append(0x0A)
                if index + 1 < utf8.count, utf8[index + 1] == 0x0A { index += 1 }
            case 0x00:
                output.append(contentsOf: [0xEF, 0xBF, 0xBD])
            default:
                output.append(byte)
            }
            index += 1
        }
        return output
    }
}
