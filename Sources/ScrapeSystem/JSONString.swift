/// Writes strings as JSON: quotes, backslashes and control characters escaped, everything else
/// as the UTF-8 it is.
///
/// Script text is most of what we write, with a quote or a newline every few dozen bytes, which
/// makes a byte-at-a-time loop branch wrongly all the time. Both passes here read eight bytes at
/// a time instead: one counts the escapes, so the output grows once, and one writes clean words
/// whole and escapes where the word's mask says.
package enum JSONString {
    /// Appends `value` to `out` as a quoted JSON string.
    package static func append(_ value: String, to out: inout [UInt8]) {
        var value = value
        value.withUTF8 { bytes in
            let start = out.count
            out.append(contentsOf: repeatElement(0, count: bytes.count + extraBytes(bytes) + 2))
            out.withUnsafeMutableBufferPointer { buffer in
                let written = write(bytes, to: UnsafeMutableRawPointer(buffer.baseAddress! + start))
                assert(start + written == buffer.count)
            }
        }
    }

    /// How much longer than `bytes` their escaped form is, quotes aside.
    private static func extraBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let raw = UnsafeRawBufferPointer(bytes)
        var extra = 0
        var index = 0
        while index + 8 <= raw.count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            let controls = controlMask(word)
            extra += (controls | quoteOrBackslashMask(word)).nonzeroBitCount
            if controls != 0 { extra += 4 * longFormMask(word, controls: controls).nonzeroBitCount }
            index += 8
        }
        for byte in raw[index...] { extra += escapeLength(byte) - 1 }
        return extra
    }

    /// Writes the quoted string at `out`, which has room for it; returns how many bytes it took.
    private static func write(_ bytes: UnsafeBufferPointer<UInt8>, to out: UnsafeMutableRawPointer) -> Int {
        let raw = UnsafeRawBufferPointer(bytes)
        var at = 0
        func put(_ byte: UInt8) {
            out.storeBytes(of: byte, toByteOffset: at, as: UInt8.self)
            at += 1
        }
        func escape(_ byte: UInt8) {
            put(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): put(byte)
            case 0x0A: put(UInt8(ascii: "n"))
            case 0x0D: put(UInt8(ascii: "r"))
            case 0x09: put(UInt8(ascii: "t"))
            default:
                put(UInt8(ascii: "u"))
                put(UInt8(ascii: "0"))
                put(UInt8(ascii: "0"))
                put(UInt8(ascii: "0") + byte >> 4)
                put(byte & 0xF < 10 ? UInt8(ascii: "0") + byte & 0xF : UInt8(ascii: "a") + byte & 0xF - 10)
            }
        }
        put(UInt8(ascii: "\""))
        var index = 0
        while index + 8 <= raw.count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            let escaped = escapeMask(word)
            // The word is stored whole even when only its first bytes are clean: these eight
            // bytes of input take at least eight of output, so the store stays in bounds, and
            // what follows the clean bytes is overwritten next.
            out.storeBytes(of: word, toByteOffset: at, as: UInt64.self)
            guard escaped != 0 else {
                at += 8
                index += 8
                continue
            }
            let clean = escaped.trailingZeroBitCount / 8
            at += clean
            escape(raw[index + clean])
            index += clean + 1
        }
        for byte in raw[index...] {
            if escapeLength(byte) == 1 { put(byte) } else { escape(byte) }
        }
        put(UInt8(ascii: "\""))
        return at
    }

    /// The top bit of every byte of `word` that needs escaping, and no other bit.
    private static func escapeMask(_ word: UInt64) -> UInt64 {
        controlMask(word) | quoteOrBackslashMask(word)
    }

    private static func controlMask(_ word: UInt64) -> UInt64 {
        zeroBytes(word & (0xE0 &* ones))
    }

    private static func quoteOrBackslashMask(_ word: UInt64) -> UInt64 {
        zeroBytes(word ^ (UInt64(UInt8(ascii: "\"")) &* ones)) | zeroBytes(word ^ (UInt64(UInt8(ascii: "\\")) &* ones))
    }

    /// Of the control characters in `controls`, those with no short escape, which take `\u00XX`.
    private static func longFormMask(_ word: UInt64, controls: UInt64) -> UInt64 {
        controls & ~zeroBytes(word ^ (0x0A &* ones)) & ~zeroBytes(word ^ (0x0D &* ones)) & ~zeroBytes(word ^ (0x09 &* ones))
    }

    private static let ones: UInt64 = 0x0101_0101_0101_0101

    /// The top bit of every zero byte. Exact per byte, unlike the shorter borrow trick, because
    /// no carry crosses a byte: `(b & 0x7F) + 0x7F` reaches the top bit unless `b & 0x7F` is 0.
    private static func zeroBytes(_ word: UInt64) -> UInt64 {
        let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        return ~(((word & low) &+ low) | word) & ~low
    }

    private static func escapeLength(_ byte: UInt8) -> Int {
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), 0x0A, 0x0D, 0x09: 2
        case 0..<0x20: 6
        default: 1
        }
    }
}
