/// Hexadecimal, as URLs (`%XX`), file names (fixed-width hashes) and messages (byte values)
/// write it.
enum Hex {
    static let upperDigits = Array("0123456789ABCDEF".utf8)

    /// `value` in at least `digits` hex digits, zero-padded on the left.
    static func string<Value: FixedWidthInteger & UnsignedInteger>(_ value: Value, digits: Int, uppercase: Bool = false) -> String {
        let hex = String(value, radix: 16, uppercase: uppercase)
        return String(repeating: "0", count: max(0, digits - hex.count)) + hex
    }
}

extension [UInt8] {
    /// Appends `byte` percent-encoded, as `%XX` with upper-case digits (URL Standard, RFC 3986).
    mutating func appendPercentEncoded(_ byte: UInt8) {
        append(UInt8(ascii: "%"))
        append(Hex.upperDigits[Int(byte >> 4)])
        append(Hex.upperDigits[Int(byte & 0xF)])
    }
}
