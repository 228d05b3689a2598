#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole-buffer byte scans on the per-page hot path, done a word or a `memchr` at a time.
///
/// Every page passes through these once or twice, so they are written for speed; each touches
/// memory only inside the array it was given. They are inlinable so that the parser, in another
/// module, calls them as if they were its own.
extension Array where Element == UInt8 {
    /// Index of the first `byte` at or after `start`, or nil.
    @inlinable
    package func firstIndex(of byte: UInt8, from start: Int) -> Int? {
        guard start < count else { return nil }
        return withUnsafeBufferPointer { buffer in
            guard let found = memchr(buffer.baseAddress! + start, Int32(byte), count - start) else { return nil }
            return buffer.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
    }

    /// Index of the last `byte` in `range`, or nil.
    @inlinable
    package func lastIndex(of byte: UInt8, in range: Range<Int>) -> Int? {
        precondition(range.lowerBound >= 0 && range.upperBound <= count)
        // `memrchr` is a GNU extension Swift's Glibc module does not export; eight bytes at a
        // time (a word has `byte` when `word ^ pattern` has a zero byte) comes close.
        return withUnsafeBytes { raw in
            let pattern = UInt64(byte) &* 0x0101_0101_0101_0101
            var index = range.upperBound
            while index - 8 >= range.lowerBound {
                let word = raw.loadUnaligned(fromByteOffset: index - 8, as: UInt64.self) ^ pattern
                if word.zeroByteMarks != 0 { break }
                index -= 8
            }
            while index > range.lowerBound {
                index -= 1
                if raw[index] == byte { return index }
            }
            return nil
        }
    }

    /// True when `text` starts at `index` (false past the end).
    @inlinable
    package func hasPrefix(_ text: StaticString, at index: Int) -> Bool {
        text.withUTF8Buffer { index <= count && self[index...].starts(with: $0) }
    }

    /// Index of the first occurrence of `text` at or after `start`, or nil.
    @inlinable
    package func firstIndex(of text: StaticString, from start: Int) -> Int? {
        text.withUTF8Buffer { firstIndex(of: $0, from: start) }
    }

    /// Index of the first occurrence of the bytes `run` (not empty) at or after `start`, or nil.
    @inlinable
    package func firstIndex(of run: [UInt8], from start: Int) -> Int? {
        run.withUnsafeBufferPointer { firstIndex(of: $0, from: start) }
    }

    /// `memchr` finds each place the run's first byte stands.
    @inlinable
    func firstIndex(of run: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var index = start
        while let candidate = firstIndex(of: run[0], from: index) {
            if self[candidate...].starts(with: run) { return candidate }
            index = candidate + 1
        }
        return nil
    }

    /// Index of the first byte at or after `start` that is not ASCII, or nil: the ASCII runs of
    /// a legacy single-byte page are copied whole between the bytes its table maps.
    @inlinable
    package func firstNonASCIIIndex(from start: Int) -> Int? {
        withUnsafeBytes { $0.firstNonASCIIIndex(from: start) }
    }

    /// Whether `lowercased` (ASCII letters in lower case, two bytes or more) occurs in any ASCII
    /// case. Eight places are tested a word at a time, on the needle's first and last bytes
    /// alike, and only the places both fit are compared whole: a page is passed over at about
    /// memory speed.
    @inlinable
    package func containsIgnoringASCIICase(_ lowercased: StaticString) -> Bool {
        let needleCount = lowercased.utf8CodeUnitCount
        guard needleCount >= 2, count >= needleCount else { return false }
        return withUnsafeBytes { raw in
            let needle = UnsafeRawBufferPointer(start: lowercased.utf8Start, count: needleCount)
            func found(at start: Int) -> Bool {
                for offset in 0..<needleCount where raw[start + offset] | 0x20 != needle[offset] { return false }
                return true
            }
            let ones: UInt64 = 0x0101_0101_0101_0101
            let first = UInt64(needle[0]) &* ones, last = UInt64(needle[needleCount - 1]) &* ones
            let lastOffset = needleCount - 1
            var start = 0
            // A zero byte of `differs` marks a place whose first and last bytes both fit (an
            // upper-case letter is its lower case with 0x20 cleared); `found` weeds out the places
            // `zeroByteMarks` flags above a real one.
            while start + lastOffset + 8 <= raw.count {
                let heads = raw.loadUnaligned(fromByteOffset: start, as: UInt64.self) | 0x2020_2020_2020_2020
                let tails = raw.loadUnaligned(fromByteOffset: start + lastOffset, as: UInt64.self) | 0x2020_2020_2020_2020
                let differs = (heads ^ first) | (tails ^ last)
                var zeros = differs.zeroByteMarks
                while zeros != 0 {
                    if found(at: start + zeros.trailingZeroBitCount / 8) { return true }
                    zeros &= zeros &- 1
                }
                start += 8
            }
            while start + needleCount <= raw.count {
                if found(at: start) { return true }
                start += 1
            }
            return false
        }
    }

    /// True when the bytes are well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF).
    @inlinable
    package var isValidUTF8: Bool { utf8Kind != .invalid }

    /// Plain ASCII, well-formed UTF-8 with non-ASCII, or neither: charset sniffing needs both
    /// answers, and one pass over the page gives them.
    @inlinable
    package var utf8Kind: UTF8Kind {
        withUnsafeBytes { raw in
            var kind = UTF8Kind.ascii
            var next = 0
            while let index = raw.firstNonASCIIIndex(from: next) {
                let lead = raw[index]
                let length: Int
                var low: UInt8 = 0x80, high: UInt8 = 0xBF
                switch lead {
                case 0xC2...0xDF: length = 2
                case 0xE0: length = 3; low = 0xA0
                case 0xE1...0xEC, 0xEE...0xEF: length = 3
                case 0xED: length = 3; high = 0x9F
                case 0xF0: length = 4; low = 0x90
                case 0xF1...0xF3: length = 4
                case 0xF4: length = 4; high = 0x8F
                default: return .invalid
                }
                guard index + length <= raw.count else { return .invalid }
                let second = raw[index + 1]
                guard second >= low && second <= high else { return .invalid }
                for offset in 2..<length where raw[index + offset] & 0xC0 != 0x80 { return .invalid }
                kind = .utf8
                next = index + length
            }
            return kind
        }
    }
}

extension UnsafeRawBufferPointer {
    /// Index of the first byte at or after `start` that is not ASCII, or nil; ASCII is passed
    /// over eight bytes at a time.
    @inlinable
    package func firstNonASCIIIndex(from start: Int) -> Int? {
        var index = Swift.max(start, 0)
        while index + 8 <= count, loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
            index += 8
        }
        while index < count {
            if self[index] >= 0x80 { return index }
            index += 1
        }
        return nil
    }
}

extension UInt64 {
    /// The high bit of each zero byte, and perhaps of a byte above one (where the subtraction
    /// borrows): nonzero exactly when some byte is zero.
    @inlinable
    package var zeroByteMarks: UInt64 { (self &- 0x0101_0101_0101_0101) & ~self & 0x8080_8080_8080_8080 }
}

@usableFromInline
package enum UTF8Kind {
    case ascii, utf8, invalid
}

extension ArraySlice where Element == UInt8 {
    /// Whether `byte` occurs in the slice, found by `memchr`: attribute values and text are
    /// scanned for `&` once each, and some run to megabytes.
    @inlinable
    package func containsByte(_ byte: UInt8) -> Bool {
        withUnsafeBufferPointer { buffer in
            buffer.count > 0 && memchr(buffer.baseAddress!, Int32(byte), buffer.count) != nil
        }
    }
}
