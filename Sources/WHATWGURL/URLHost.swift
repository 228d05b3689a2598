/// The host of a URL, parsed as the URL Standard's host parser does.
public enum URLHost: Sendable, Hashable, CustomStringConvertible {
    /// An ASCII, lower-case domain (international names in their `xn--` form).
    case domain(String)
    /// An IPv4 address, however it was written (`0x7f.1`, `2130706433`, `127.0.0.1`).
    case ipv4(UInt32)
    /// An IPv6 address as its eight pieces.
    case ipv6([UInt16])
    /// The host of a URL with a non-special scheme, percent-encoded but otherwise as written.
    case opaque(String)
    /// No host at all, as in `file:///etc/hosts`.
    case empty

    /// The host as a URL spells it: IPv6 in brackets, in its shortest form.
    public var description: String {
        switch self {
        case .domain(let name), .opaque(let name): name
        case .ipv4(let address): Self.serialize(ipv4: address)
        case .ipv6(let pieces): "[" + Self.serialize(ipv6: pieces) + "]"
        case .empty: ""
        }
    }

    /// The host as a name or an address to connect to: IPv6 without brackets.
    public var bare: String {
        if case .ipv6(let pieces) = self { return Self.serialize(ipv6: pieces) }
        return description
    }

    /// Parses `input`, the host part of a URL; nil for a host a browser rejects.
    /// - Parameter isOpaque: the URL's scheme is not special, so the host is kept as written.
    static func parse(_ input: Substring, isOpaque: Bool) -> URLHost? {
        if input.hasPrefix("[") {
            guard input.hasSuffix("]"), input.count >= 2 else { return nil }
            return parseIPv6(Array(input.unicodeScalars.dropFirst().dropLast())).map(URLHost.ipv6)
        }
        if isOpaque {
            guard !input.unicodeScalars.contains(where: isForbiddenHostCodePoint) else { return nil }
            var encoded = ""
            for scalar in input.unicodeScalars { encoded.appendPercentEncoded(scalar, .c0Control) }
            return .opaque(encoded)
        }
        let domain = String(decoding: String(input).percentDecodedBytes, as: UTF8.self)
        guard let ascii = domainToASCII(domain) else { return nil }
        if endsInANumber(ascii) { return parseIPv4(ascii).map(URLHost.ipv4) }
        return .domain(ascii)
    }

    private static func domainToASCII(_ domain: String) -> String? {
        let simple = domain.utf8.allSatisfy { $0 < 0x80 }
            && !domain.split(separator: ".", omittingEmptySubsequences: false).contains { $0.lowercased().hasPrefix("xn--") }
        guard let result = simple ? domain.lowercased() : IDNA.toASCII(domain), !result.isEmpty,
              !result.unicodeScalars.contains(where: isForbiddenDomainCodePoint)
        else { return nil }
        return result
    }

    private static func isForbiddenHostCodePoint(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "\0", "\t", "\n", "\r", " ", "#", "/", ":", "<", ">", "?", "@", "[", "\\", "]", "^", "|": true
        default: false
        }
    }

    private static func isForbiddenDomainCodePoint(_ scalar: Unicode.Scalar) -> Bool {
        isForbiddenHostCodePoint(scalar) || scalar.value <= 0x1F || scalar == "%" || scalar.value == 0x7F
    }

    // MARK: IPv4

    /// Whether the last label is a number (`1`, `0x`, `0x1F`): then the host must be an IPv4 address.
    private static func endsInANumber(_ host: String) -> Bool {
        var parts = host.split(separator: ".", omittingEmptySubsequences: false)
        if parts.last == "" {
            guard parts.count > 1 else { return false }
            parts.removeLast()
        }
        guard let last = parts.last else { return false }
        if !last.isEmpty && last.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) { return true }
        return parseIPv4Number(last) != nil
    }

    private static func parseIPv4(_ host: String) -> UInt32? {
        var parts = host.split(separator: ".", omittingEmptySubsequences: false)
        if parts.last == "", parts.count > 1 { parts.removeLast() }
        guard parts.count <= 4 else { return nil }
        var numbers: [UInt64] = []
        for part in parts {
            guard let number = parseIPv4Number(part) else { return nil }
            numbers.append(number)
        }
        guard numbers.dropLast().allSatisfy({ $0 <= 255 }), numbers.last! < UInt64(1) << (8 * (5 - numbers.count)) else {
            return nil
        }
        var address = numbers.last!
        for (index, number) in numbers.dropLast().enumerated() {
            address += number << (8 * (3 - index))
        }
        return UInt32(address)
    }

    /// A decimal, `0x` hexadecimal or `0`-led octal number; nil when it is not one, or exceeds 2^32.
    private static func parseIPv4Number(_ text: Substring) -> UInt64? {
        guard !text.isEmpty else { return nil }
        var digits = text.utf8[...]
        var radix: UInt64 = 10
        if digits.count >= 2, digits.first == UInt8(ascii: "0"),
           digits.dropFirst().first == UInt8(ascii: "x") || digits.dropFirst().first == UInt8(ascii: "X") {
            digits = digits.dropFirst(2)
            radix = 16
        } else if digits.count >= 2, digits.first == UInt8(ascii: "0") {
            digits = digits.dropFirst()
            radix = 8
        }
        var value: UInt64 = 0
        for byte in digits {
            guard let digit = byte.hexValue.map(UInt64.init), digit < radix else { return nil }
            value = value * radix + digit
            if value > UInt64(UInt32.max) + 1 { value = UInt64(UInt32.max) + 1 }  // too large either way
        }
        return value
    }

    /// Written into one small string, with no array or string for each number: a crawl of one
    /// address serialises it for every link.
    private static func serialize(ipv4 address: UInt32) -> String {
        String(unsafeUninitializedCapacity: 15) { text in
            var count = 0
            func append(_ byte: UInt8) {
                text[count] = byte
                count += 1
            }
            for shift in stride(from: 24, through: 0, by: -8) {
                if shift != 24 { append(UInt8(ascii: ".")) }
                let number = UInt8(truncatingIfNeeded: address >> shift)
                if number >= 100 { append(UInt8(ascii: "0") + number / 100) }
                if number >= 10 { append(UInt8(ascii: "0") + number / 10 % 10) }
                append(UInt8(ascii: "0") + number % 10)
            }
            return count
        }
    }

    // MARK: IPv6

    private static func parseIPv6(_ input: [Unicode.Scalar]) -> [UInt16]? {
        var address = [UInt16](repeating: 0, count: 8)
        var pieceIndex = 0
        var compress: Int?
        var pointer = 0
        func character(_ at: Int) -> Unicode.Scalar? { at < input.count ? input[at] : nil }
        func digit(_ scalar: Unicode.Scalar?, radix: UInt8) -> UInt8? {
            guard let scalar, scalar.isASCII, let value = UInt8(scalar.value).hexValue, value < radix else { return nil }
            return value
        }
        if character(0) == ":" {
            guard character(1) == ":" else { return nil }
            pointer = 2
            pieceIndex = 1
            compress = 1
        }
        while character(pointer) != nil {
            guard pieceIndex < 8 else { return nil }
            if character(pointer) == ":" {
                guard compress == nil else { return nil }
                pointer += 1
                pieceIndex += 1
                compress = pieceIndex
                continue
            }
            var value: UInt16 = 0
            var length = 0
            while length < 4, let hex = digit(character(pointer), radix: 16) {
                value = value << 4 | UInt16(hex)
                pointer += 1
                length += 1
            }
            if character(pointer) == "." {
                guard length > 0, pieceIndex <= 6 else { return nil }
                pointer -= length
                var numbersSeen = 0
                while character(pointer) != nil {
                    if numbersSeen > 0 {
                        guard character(pointer) == ".", numbersSeen < 4 else { return nil }
                        pointer += 1
                    }
                    guard digit(character(pointer), radix: 10) != nil else { return nil }
                    var piece: Int?
                    while let number = digit(character(pointer), radix: 10) {
                        if piece == 0 { return nil }
                        piece = (piece ?? 0) * 10 + Int(number)
                        guard piece! <= 255 else { return nil }
                        pointer += 1
                    }
                    address[pieceIndex] = address[pieceIndex] << 8 | UInt16(piece!)
                    numbersSeen += 1
                    if numbersSeen == 2 || numbersSeen == 4 { pieceIndex += 1 }
                }
                guard numbersSeen == 4 else { return nil }
                break
            } else if character(pointer) == ":" {
                pointer += 1
                guard character(pointer) != nil else { return nil }
            } else if character(pointer) != nil {
                return nil
            }
            address[pieceIndex] = value
            pieceIndex += 1
        }
        if let compress {
            var swaps = pieceIndex - compress
            pieceIndex = 7
            while pieceIndex != 0 && swaps > 0 {
                address.swapAt(pieceIndex, compress + swaps - 1)
                pieceIndex -= 1
                swaps -= 1
            }
        } else if pieceIndex != 8 {
            return nil
        }
        return address
    }

    private static func serialize(ipv6 pieces: [UInt16]) -> String {
        // The first longest run of two or more zero pieces becomes `::`.
        var compress: Int?
        var longest = 1
        var index = 0
        while index < 8 {
            var end = index
            while end < 8 && pieces[end] == 0 { end += 1 }
            if end - index > longest {
                longest = end - index
                compress = index
            }
            index = max(end, index + 1)
        }
        var output = ""
        var ignoreZero = false
        for index in 0..<8 {
            if ignoreZero && pieces[index] == 0 { continue }
            ignoreZero = false
            if compress == index {
                output += index == 0 ? "::" : ":"
                ignoreZero = true
                continue
            }
            output += String(pieces[index], radix: 16)
            if index != 7 { output += ":" }
        }
        return output
    }
}
