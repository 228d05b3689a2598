/// The text of an element inside `<svg>` or `<math>`, where HTML5 parses content as markup:
/// CDATA sections count as text, comments and tags do not, references are decoded.
enum ForeignText {
    /// The text from `start` up to the element's end tag, and the offset of that end tag's `<`.
    static func read(_ name: String, in document: [UInt8], from start: Int) -> (text: String, end: Int) {
        let nameBytes = Array(name.utf8)
        var text: [UInt8] = []
        var index = start
        var runStart = start
        func flushRun(upTo end: Int) {
            text.append(contentsOf: CharacterReferences.decode(document[runStart..<end], inAttribute: false).utf8)
        }
        while let open = document[index...].firstIndex(of: UInt8(ascii: "<")) {
            if RawTextScanner.isEndTag(document, at: open, name: nameBytes) {
                flushRun(upTo: open)
                return (String(decoding: text, as: UTF8.self), open)
            }
            let (skipTo, literal) = markup(in: document, at: open)
            flushRun(upTo: open)
            if let literal { text.append(contentsOf: document[literal]) }
            index = skipTo
            runStart = skipTo
        }
        flushRun(upTo: document.count)
        return (String(decoding: text, as: UTF8.self), document.count)
    }

    /// Where markup starting at `open` ends, and the literal text it contributes (CDATA only).
    private static func markup(in document: [UInt8], at open: Int) -> (Int, Range<Int>?) {
        if document[open...].starts(with: Array("<![CDATA[".utf8)) {
            let contentStart = open + 9
            let close = find(Array("]]>".utf8), in: document, from: contentStart)
            return (min(close + 3, document.count), contentStart..<close)
        }
        if document[open...].starts(with: Array("<!--".utf8)) {
            return (min(find(Array("-->".utf8), in: document, from: open + 4) + 3, document.count), nil)
        }
        let next = open + 1 < document.count ? document[open + 1] : 0
        guard next.isASCIILetter || next == UInt8(ascii: "/") || next == UInt8(ascii: "!") || next == UInt8(ascii: "?") else {
            return (open + 1, open..<(open + 1)) // a lone '<' is text
        }
        let close = document[open...].firstIndex(of: UInt8(ascii: ">")) ?? document.count - 1
        return (close + 1, nil)
    }

    private static func find(_ needle: [UInt8], in document: [UInt8], from start: Int) -> Int {
        var index = start
        while index + needle.count <= document.count {
            if document[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return document.count
    }
}
