import Iconv
import ScrapeSystem

/// Decodes a body from its charset to UTF-8, the only encoding libxml2 is then given.
///
/// Invalid sequences become U+FFFD: nothing is dropped, so text lengths stay honest.
enum TextDecoder {
    static func decode(_ bytes: [UInt8], as decision: CharsetSniffer.Decision) -> [UInt8] {
        let body = decision.bomLength == 0 ? bytes : Array(bytes[decision.bomLength...])
        switch decision.charset {
        case .utf8:
            return decision.isValidUTF8 || body.isValidUTF8 ? body : Array(String(decoding: body, as: UTF8.self).utf8)
        case .utf16LE, .utf16BE:
            return decodeUTF16(body, bigEndian: decision.charset == .utf16BE)
        case .replacement:
            return body.isEmpty ? [] : [0xEF, 0xBF, 0xBD]
        case .userDefined:
            return decodeUserDefined(body)
        default:
            if let table = SingleByteTable.named(decision.charset.name) { return table.decode(body) }
            if let name = multiByteIconvNames[decision.charset.name], let decoder = IconvDecoder(encoding: name) {
                return decoder.decode(body)
            }
            return SingleByteTable.named(Charset.windows1252.name)!.decode(body)
        }
    }

    /// iconv's names for the multi-byte encodings, chosen to match WHATWG's decoders:
    /// GBK is decoded as gb18030, Shift_JIS as windows-31J, EUC-KR as windows-949.
    static let multiByteIconvNames = [
        "gbk": "GB18030", "gb18030": "GB18030", "big5": "BIG5-HKSCS", "euc-jp": "EUC-JP",
        "iso-2022-jp": "ISO-2022-JP", "shift_jis": "WINDOWS-31J", "euc-kr": "CP949",
    ]

    private static func decodeUTF16(_ bytes: [UInt8], bigEndian: Bool) -> [UInt8] {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = 0
        while index + 1 < bytes.count {
            let (high, low) = bigEndian ? (bytes[index], bytes[index + 1]) : (bytes[index + 1], bytes[index])
            units.append(UInt16(high) << 8 | UInt16(low))
            index += 2
        }
        var text = String(decoding: units, as: UTF16.self)
        if bytes.count % 2 == 1 { text.append("\u{FFFD}") }
        return Array(text.utf8)
    }

    /// Bytes 0x80-0xFF map to U+F780-U+F7FF.
    private static func decodeUserDefined(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        for byte in bytes {
            if byte < 0x80 {
                output.append(byte)
            } else {
                output.append(contentsOf: UTF8.encode(Unicode.Scalar(0xF700 + UInt32(byte))!)!)
            }
        }
        return output
    }
}

/// A single-byte encoding as a 256-entry table, built once from iconv.
///
/// Where the C library leaves a byte of a windows-* code page undefined, WHATWG maps it to the
/// C1 control of the same value (0x81 -> U+0081); elsewhere an undefined byte is U+FFFD.
struct SingleByteTable: Sendable {
    private let utf8: [[UInt8]]

    private static let iconvNames: [String: String] = {
        var names = [
            "ibm866": "IBM866", "iso-8859-8-i": "ISO-8859-8", "koi8-r": "KOI8-R", "koi8-u": "KOI8-U",
            "macintosh": "MACINTOSH", "windows-874": "CP874", "x-mac-cyrillic": "MAC-CYRILLIC",
        ]
        for part in [2, 3, 4, 5, 6, 7, 8, 10, 13, 14, 15, 16] { names["iso-8859-\(part)"] = "ISO-8859-\(part)" }
        for page in 1250...1258 { names["windows-\(page)"] = "CP\(page)" }
        return names
    }()

    private static let built = Locked<[String: SingleByteTable]>([:])

    static func named(_ name: String) -> SingleByteTable? {
        guard let iconvName = iconvNames[name] else { return nil }
        return built.withLock { tables in
            if let table = tables[name] { return table }
            guard let decoder = IconvDecoder(encoding: iconvName) else { return nil }
            let fillsC1 = name.hasPrefix("windows-")
            let table = SingleByteTable(utf8: (0...255).map { (byte: Int) -> [UInt8] in
                let decoded = decoder.decode([UInt8(byte)])
                if decoded == [0xEF, 0xBF, 0xBD], fillsC1, (0x80...0x9F).contains(byte) {
                    return Array(String(Unicode.Scalar(UInt8(byte))).utf8)
                }
                return decoded
            })
            tables[name] = table
            return table
        }
    }

    /// Every table reads ASCII as itself, so plain ASCII comes back as it is, and the ASCII runs
    /// between other bytes are copied whole.
    func decode(_ bytes: [UInt8]) -> [UInt8] {
        guard var mapped = bytes.firstNonASCIIIndex(from: 0) else { return bytes }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 8)
        var copied = 0
        while true {
            output.append(contentsOf: bytes[copied..<mapped])
            output.append(contentsOf: utf8[Int(bytes[mapped])])
            copied = mapped + 1
            guard let next = bytes.firstNonASCIIIndex(from: copied) else { break }
            mapped = next
        }
        output.append(contentsOf: bytes[copied...])
        return output
    }
}
