import ScrapeSystem

/// Chooses the encoding of a body, in the order the output contract states:
/// byte-order mark; UTF-8 when the bytes are valid UTF-8 and not plain ASCII; the HTTP charset;
/// the WHATWG `<meta>` pre-scan; windows-1252.
///
/// UTF-8 validity comes before the declarations because saved and re-served pages often
/// declare a charset their bytes no longer have, while legacy bytes are almost never valid UTF-8.
enum CharsetSniffer {
    struct Decision: Equatable {
        var charset: Charset
        /// Length of the byte-order mark to skip.
        var bomLength = 0
        /// Already checked: the bytes need no repair.
        var isValidUTF8 = false
    }

    static func sniff(_ bytes: [UInt8], httpCharset: String?) -> Decision {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return Decision(charset: .utf8, bomLength: 3) }
        if bytes.starts(with: [0xFE, 0xFF]) { return Decision(charset: .utf16BE, bomLength: 2) }
        if bytes.starts(with: [0xFF, 0xFE]) { return Decision(charset: .utf16LE, bomLength: 2) }
        if bytes.utf8Kind == .utf8 { return Decision(charset: .utf8, isValidUTF8: true) }
        if let label = httpCharset, let charset = Charset(label: label) { return Decision(charset: charset) }
        if let charset = MetaPrescan.charset(in: bytes) { return Decision(charset: charset) }
        return Decision(charset: .windows1252)
    }
}
