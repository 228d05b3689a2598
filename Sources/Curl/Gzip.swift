/// gzip files (not a content coding: a body that is itself a `.gz` file, as sitemaps often are).
public enum Gzip {
    /// Whether `bytes` start as a gzip stream does.
    public static func isCompressed(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    /// The decompressed bytes, at most `limit` of them (a gzip bomb stops there; a stream cut
    /// short gives what it held); nil when `bytes` are not gzip.
    public static func decompress(_ bytes: [UInt8], limit: Int) -> [UInt8]? {
        guard let decoder = ContentDecoder(.gzip) else { return nil }
        var output: [UInt8] = []
        let outcome = bytes.withUnsafeBytes { input in
            decoder.feed(input) { piece in
                guard output.count + piece.count <= limit else {
                    output.append(contentsOf: piece.prefix(limit - output.count))
                    return false
                }
                output.append(contentsOf: piece)
                return true
            }
        }
        return outcome == .invalid ? nil : output
    }
}
