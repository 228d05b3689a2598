#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Converts bytes in a legacy multi-byte encoding to UTF-8 with the C library's iconv.
///
/// Never fails on bad input: an invalid or truncated sequence becomes U+FFFD and decoding
/// resumes at the next byte, as the WHATWG decoders do, so no text is silently dropped.
public struct IconvDecoder: Sendable {
    /// iconv's name for the source encoding, e.g. "GB18030".
    public let encoding: String

    /// nil when this C library cannot convert from `encoding`.
    public init?(encoding: String) {
        let descriptor = iconv_open("UTF-8", encoding)
        guard descriptor != iconv_t(bitPattern: -1) else { return nil }
        iconv_close(descriptor)
        self.encoding = encoding
    }

    public func decode(_ bytes: [UInt8]) -> [UInt8] {
        let descriptor = iconv_open("UTF-8", encoding)
        defer { iconv_close(descriptor) }
        var output = [UInt8](repeating: 0, count: bytes.count * 3 + 16)
        var written = 0
        var input = bytes
        input.withUnsafeMutableBytes { source in
            var consumed = 0
            while consumed < source.count {
                if output.count - written < 16 { output.append(contentsOf: repeatElement(0, count: output.count)) }
                let failure = output.withUnsafeMutableBytes { target -> Int32 in
                    var inPointer: UnsafeMutablePointer<CChar>? = (source.baseAddress! + consumed).assumingMemoryBound(to: CChar.self)
                    var inLeft = source.count - consumed
                    var outPointer: UnsafeMutablePointer<CChar>? = (target.baseAddress! + written).assumingMemoryBound(to: CChar.self)
                    var outLeft = target.count - written
                    let status = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                    consumed = source.count - inLeft
                    written = target.count - outLeft
                    return status == -1 ? errno : 0
                }
                switch failure {
                case 0, E2BIG:
                    continue
                case EINVAL: // a sequence cut off by the end of the body
                    appendReplacement(to: &output, at: &written)
                    consumed = source.count
                default: // EILSEQ: an invalid sequence; skip one byte and go on
                    appendReplacement(to: &output, at: &written)
                    consumed += 1
                    iconv(descriptor, nil, nil, nil, nil)
                }
            }
        }
        output.removeSubrange(written...)
        return output
    }

    private func appendReplacement(to output: inout [UInt8], at written: inout Int) {
        let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]
        if output.count - written < 3 { output.append(contentsOf: repeatElement(0, count: output.count + 3)) }
        output.replaceSubrange(written..<(written + 3), with: replacement)
        written += 3
    }
}
