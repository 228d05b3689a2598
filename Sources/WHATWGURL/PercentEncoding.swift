/// The URL Standard's percent-encode sets, as membership tests over bytes of UTF-8.
///
/// Each set is the one before it plus a few characters, as the standard defines them; bytes
/// outside printable ASCII are in every set.
struct PercentEncodeSet: Sendable {
    private let extra: (UInt64, UInt64)

    private init(_ characters: String, adding base: PercentEncodeSet? = nil) {
        var low = base?.extra.0 ?? 0
        var high = base?.extra.1 ?? 0
        for byte in characters.utf8 {
            if byte < 64 { low |= 1 << byte } else { high |= 1 << (byte - 64) }
        }
        extra = (low, high)
    }

    func contains(_ byte: UInt8) -> Bool {
        if byte < 0x20 || byte > 0x7E { return true }
        return byte < 64 ? extra.0 & (1 << byte) != 0 : extra.1 & (1 << (byte - 64)) != 0
    }

    static let c0Control = PercentEncodeSet("")
    static let fragment = PercentEncodeSet(" \"<>`")
    static let query = PercentEncodeSet(" \"#<>")
    static let specialQuery = PercentEncodeSet("'", adding: query)
    static let path = PercentEncodeSet("?^`{}", adding: query)
    static let userinfo = PercentEncodeSet("/:;=@[\\]|", adding: path)
}

extension String {
    /// Appends `scalar` as UTF-8, percent-encoding the bytes in `set`.
    mutating func appendPercentEncoded(_ scalar: Unicode.Scalar, _ set: PercentEncodeSet) {
        if scalar.isASCII, !set.contains(UInt8(scalar.value)) {
            unicodeScalars.append(scalar)
            return
        }
        for byte in UTF8.encode(scalar)! {
            if set.contains(byte) {
                append("%")
                append(hexDigit(byte >> 4))
                append(hexDigit(byte & 0xF))
            } else {
                unicodeScalars.append(Unicode.Scalar(byte))
            }
        }
    }

    private func hexDigit(_ value: UInt8) -> Character {
        Character(Unicode.Scalar(value < 10 ? 0x30 + value : 0x37 + value))
    }

    /// The bytes `%XX` stand for decoded; other bytes, and `%` not followed by two hex digits, kept.
    var percentDecodedBytes: [UInt8] {
        let bytes = Array(utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
               let high = bytes[index + 1].hexValue, let low = bytes[index + 2].hexValue {
                out.append(high << 4 | low)
                index += 3
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return out
    }
}

extension UInt8 {
    var isASCIIDigit: Bool { self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9") }

    var hexValue: UInt8? {
        switch self {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): self - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): self - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): self - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
