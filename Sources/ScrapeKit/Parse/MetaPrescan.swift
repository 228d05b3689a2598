/// The WHATWG "prescan a byte stream to determine its encoding": finds a `<meta charset>` or
/// `<meta http-equiv=content-type content="...; charset=...">`, skipping comments and the
/// attributes of other tags the way a browser does.
enum MetaPrescan {
    /// How far the pre-scan proper looks.
    static let limit = 1024

    /// The pre-scan over the first 1024 bytes, then, if that finds nothing, over the whole page.
    /// The second pass stands in for the parser's "change the encoding" step: a browser that
    /// meets a `<meta charset>` later in the page (after a long `<head>` of scripts, say) reloads
    /// the page in that encoding, and so must we to see the same text. Both forms of declaration
    /// spell out "charset" in some case, so a page without the word is spared the second pass.
    static func charset(in document: [UInt8]) -> Charset? {
        var scanner = Scanner(bytes: document.prefix(limit))
        if let charset = scanner.run() { return charset }
        guard document.count > limit, document.containsIgnoringASCIICase("charset") else { return nil }
        scanner = Scanner(bytes: document[...])
        return scanner.run()
    }

    private struct Scanner {
        let bytes: ArraySlice<UInt8>
        var position: Int

        init(bytes: ArraySlice<UInt8>) {
            self.bytes = bytes
            position = bytes.startIndex
        }

        mutating func run() -> Charset? {
            while position < bytes.endIndex {
                // Every rule below starts at a `<`: the text between tags is passed over at once.
                guard bytes[position] == UInt8(ascii: "<") else {
                    position = bytes[position...].firstIndex(of: UInt8(ascii: "<")) ?? bytes.endIndex
                    continue
                }
                if matches("<!--") {
                    guard let end = find("-->", from: position + 2) else { return nil }
                    position = end + 3
                    continue
                }
                if matchesCaseInsensitive("<meta"), position + 5 < bytes.endIndex,
                   bytes[position + 5].isHTMLSpace || bytes[position + 5] == UInt8(ascii: "/") {
                    position += 6
                    if let charset = meta() { return charset }
                    continue
                }
                if matches("<"), position + 1 < bytes.endIndex,
                   bytes[position + 1].isASCIILetter || (bytes[position + 1] == UInt8(ascii: "/") &&
                       position + 2 < bytes.endIndex && bytes[position + 2].isASCIILetter) {
                    while position < bytes.endIndex, !bytes[position].isHTMLSpace, bytes[position] != UInt8(ascii: ">") {
                        position += 1
                    }
                    while attribute() != nil {}
                    continue
                }
                if matches("<!") || matches("</") || matches("<?") {
                    guard let end = bytes[position...].firstIndex(of: UInt8(ascii: ">")) else { return nil }
                    position = end + 1
                    continue
                }
                position += 1
            }
            return nil
        }

        /// The attributes of one `<meta>` tag, judged as the standard says.
        private mutating func meta() -> Charset? {
            var seen = Set<[UInt8]>()
            var gotPragma = false
            var needPragma: Bool?
            var charset: Charset?
            while let (name, value) = attribute() {
                guard seen.insert(name).inserted else { continue }
                switch String(decoding: name, as: UTF8.self) {
                case "http-equiv":
                    if String(decoding: value, as: UTF8.self) == "content-type" { gotPragma = true }
                case "content":
                    if charset == nil, let found = Self.charsetInContent(value) {
                        charset = Charset(label: String(decoding: found, as: UTF8.self))
                        needPragma = true
                    }
                case "charset":
                    charset = Charset(label: String(decoding: value, as: UTF8.self))
                    needPragma = false
                default:
                    break
                }
            }
            guard let needPragma, !needPragma || gotPragma, let charset else { return nil }
            if charset == .utf16LE || charset == .utf16BE { return .utf8 }
            if charset == .userDefined { return .windows1252 }
            return charset
        }

        /// "Get an attribute": name and value lower-cased, or nil at `>` or the end of input.
        private mutating func attribute() -> ([UInt8], [UInt8])? {
            while position < bytes.endIndex, bytes[position].isHTMLSpace || bytes[position] == UInt8(ascii: "/") {
                position += 1
            }
            guard position < bytes.endIndex, bytes[position] != UInt8(ascii: ">") else { return nil }
            var name: [UInt8] = []
            var value: [UInt8] = []
            nameLoop: while position < bytes.endIndex {
                let byte = bytes[position]
                switch byte {
                case UInt8(ascii: "=") where !name.isEmpty:
                    position += 1
                    break nameLoop
                case _ where byte.isHTMLSpace:
                    skipSpaces()
                    guard position < bytes.endIndex, bytes[position] == UInt8(ascii: "=") else { return (name, []) }
                    position += 1
                    break nameLoop
                case UInt8(ascii: "/"), UInt8(ascii: ">"):
                    return (name, [])
                default:
                    name.append(byte.asciiLowercased)
                    position += 1
                }
            }
            skipSpaces()
            guard position < bytes.endIndex else { return nil }
            let first = bytes[position]
            if first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") {
                position += 1
                while position < bytes.endIndex {
                    defer { position += 1 }
                    if bytes[position] == first { return (name, value) }
                    value.append(bytes[position].asciiLowercased)
                }
                return nil
            }
            if first == UInt8(ascii: ">") { return (name, []) }
            while position < bytes.endIndex, !bytes[position].isHTMLSpace, bytes[position] != UInt8(ascii: ">") {
                value.append(bytes[position].asciiLowercased)
                position += 1
            }
            return position < bytes.endIndex ? (name, value) : nil
        }

        private mutating func skipSpaces() {
            while position < bytes.endIndex, bytes[position].isHTMLSpace { position += 1 }
        }

        private func matches(_ text: StaticString) -> Bool {
            text.withUTF8Buffer { bytes[position...].starts(with: $0) }
        }

        private func matchesCaseInsensitive(_ text: StaticString) -> Bool {
            text.withUTF8Buffer { bytes[position...].starts(with: $0) { $0.asciiLowercased == $1 } }
        }

        private func find(_ text: StaticString, from start: Int) -> Int? {
            text.withUTF8Buffer { needle in
                var index = start
                while index + needle.count <= bytes.endIndex {
                    if bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
                    index += 1
                }
                return nil
            }
        }

        /// "Extract a character encoding from a meta element" (the `content` attribute).
        static func charsetInContent(_ content: [UInt8]) -> ArraySlice<UInt8>? {
            let pattern = Array("charset".utf8)
            var index = 0
            while index + pattern.count <= content.count {
                guard content[index..<(index + pattern.count)].elementsEqual(pattern) else {
                    index += 1
                    continue
                }
                var cursor = index + pattern.count
                while cursor < content.count, content[cursor].isHTMLSpace { cursor += 1 }
                guard cursor < content.count, content[cursor] == UInt8(ascii: "=") else {
                    index = cursor
                    continue
                }
                cursor += 1
                while cursor < content.count, content[cursor].isHTMLSpace { cursor += 1 }
                guard cursor < content.count else { return nil }
                let quote = content[cursor]
                if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                    guard let close = content[(cursor + 1)...].firstIndex(of: quote) else { return nil }
                    return content[(cursor + 1)..<close]
                }
                var end = cursor
                while end < content.count, !content[end].isHTMLSpace, content[end] != UInt8(ascii: ";") { end += 1 }
                return content[cursor..<end]
            }
            return nil
        }
    }
}
