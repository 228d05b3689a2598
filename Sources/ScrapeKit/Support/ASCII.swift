/// Byte classes of the HTML and WHATWG algorithms, which are defined on ASCII only.
extension UInt8 {
    var isASCIILetter: Bool { (self | 0x20) >= UInt8(ascii: "a") && (self | 0x20) <= UInt8(ascii: "z") }
    var isASCIIDigit: Bool { self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9") }
    var isASCIIUpper: Bool { self >= UInt8(ascii: "A") && self <= UInt8(ascii: "Z") }
    var isASCIIHexDigit: Bool { isASCIIDigit || ((self | 0x20) >= UInt8(ascii: "a") && (self | 0x20) <= UInt8(ascii: "f")) }
    /// Upper-cases a-z and leaves every other byte alone.
    var asciiUppercased: UInt8 { self >= UInt8(ascii: "a") && self <= UInt8(ascii: "z") ? self & ~0x20 : self }
    /// Lower-cases A-Z and leaves every other byte alone.
    var asciiLowercased: UInt8 { isASCIIUpper ? self | 0x20 : self }
    /// HTML's ASCII whitespace: tab, LF, FF, CR, space.
    var isHTMLSpace: Bool {
        self == 0x20 || self == 0x09 || self == 0x0A || self == 0x0C || self == 0x0D
    }
}

extension Unicode.Scalar {
    /// HTML's ASCII whitespace, which is CSS's too.
    var isHTMLSpace: Bool { isASCII && UInt8(value).isHTMLSpace }
}

extension Character {
    /// A character that is one scalar of HTML's ASCII whitespace.
    var isHTMLSpace: Bool { unicodeScalars.count == 1 && unicodeScalars.first!.isHTMLSpace }
}
