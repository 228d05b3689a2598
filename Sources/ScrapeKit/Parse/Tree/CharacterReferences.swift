import ScrapeSystem

/// Decodes `&name;`, `&#123;` and `&#x7B;` the way the HTML5 tokenizer does, where we
/// read the source ourselves: attribute values and text.
enum CharacterReferences {
    /// Decodes the references in `bytes`. In an attribute value, a legacy name not closed by `;`
    /// and followed by `=` or an alphanumeric stays as written (`?a=1&copy=2` is a URL, not ©).
    static func decode(_ bytes: ArraySlice<UInt8>, inAttribute: Bool) -> String {
        guard bytes.containsByte(UInt8(ascii: "&")) else { return String(decoding: bytes, as: UTF8.self) }
        return String(decoding: decodedBytes(bytes, inAttribute: inAttribute), as: UTF8.self)
    }

    /// `decode` as UTF-8 bytes, for text that becomes a text node.
    static func decodedBytes(_ bytes: ArraySlice<UInt8>, inAttribute: Bool) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "&"),
                  let (characters, length) = reference(in: bytes[(index + 1)...], inAttribute: inAttribute)
            else {
                output.append(byte)
                index += 1
                continue
            }
            output.append(contentsOf: characters.utf8)
            index += 1 + length
        }
        return output
    }

    /// The characters a reference right after `&` stands for, and how many bytes it takes.
    private static func reference(in bytes: ArraySlice<UInt8>, inAttribute: Bool) -> (String, Int)? {
        guard let first = bytes.first else { return nil }
        if first == UInt8(ascii: "#") { return numeric(bytes.dropFirst()).map { (String($0.0), $0.1 + 1) } }
        guard let (characters, length, closed) = NamedCharacterReferences.match(bytes) else { return nil }
        // In an attribute, a name without its `;` followed by `=` or an alphanumeric stays as
        // written: `?a=1&copy=2` is a URL, not ©.
        if inAttribute, !closed, length < bytes.count {
            let next = bytes[bytes.startIndex + length]
            if next == UInt8(ascii: "=") || next.isASCIILetter || next.isASCIIDigit { return nil }
        }
        return (characters, length)
    }

    private static func numeric(_ bytes: ArraySlice<UInt8>) -> (Unicode.Scalar, Int)? {
        var index = bytes.startIndex
        let hex = index < bytes.endIndex && (bytes[index] | 0x20) == UInt8(ascii: "x")
        if hex { index += 1 }
        let digitsStart = index
        var value: UInt32 = 0
        while index < bytes.endIndex {
            let byte = bytes[index]
            let digit: UInt32
            if byte.isASCIIDigit {
                digit = UInt32(byte - UInt8(ascii: "0"))
            } else if hex, (byte | 0x20) >= UInt8(ascii: "a"), (byte | 0x20) <= UInt8(ascii: "f") {
                digit = UInt32((byte | 0x20) - UInt8(ascii: "a") + 10)
            } else {
                break
            }
            value = min(value &* (hex ? 16 : 10) &+ digit, 0x110000)
            index += 1
        }
        guard index > digitsStart else { return nil }
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: ";") { index += 1 }
        return (scalar(forReference: value), index - bytes.startIndex)
    }

    /// HTML5's fix-ups: NUL, surrogates and out-of-range values become U+FFFD; 0x80-0x9F are
    /// read as windows-1252, as legacy pages meant them.
    private static func scalar(forReference value: UInt32) -> Unicode.Scalar {
        if (0x80...0x9F).contains(value), let mapped = windows1252C1[value] { return mapped }
        guard value != 0, let scalar = Unicode.Scalar(value) else { return "\u{FFFD}" }
        return scalar
    }

    private static let windows1252C1: [UInt32: Unicode.Scalar] = [
        0x80: "\u{20AC}", 0x82: "\u{201A}", 0x83: "\u{0192}", 0x84: "\u{201E}", 0x85: "\u{2026}", 0x86: "\u{2020}",
        0x87: "\u{2021}", 0x88: "\u{02C6}", 0x89: "\u{2030}", 0x8A: "\u{0160}", 0x8B: "\u{2039}", 0x8C: "\u{0152}",
        0x8E: "\u{017D}", 0x91: "\u{2018}", 0x92: "\u{2019}", 0x93: "\u{201C}", 0x94: "\u{201D}", 0x95: "\u{2022}",
        0x96: "\u{2013}", 0x97: "\u{2014}", 0x98: "\u{02DC}", 0x99: "\u{2122}", 0x9A: "\u{0161}", 0x9B: "\u{203A}",
        0x9C: "\u{0153}", 0x9E: "\u{017E}", 0x9F: "\u{0178}",
    ]
}
