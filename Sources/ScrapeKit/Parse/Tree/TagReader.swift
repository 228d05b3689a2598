import ScrapeSystem

/// Tags read from the source with the HTML5 tokenizer's rules: every attribute a browser keeps
/// (`@click` and `[attr]` too), in order, the first of duplicates winning.
enum TagReader {
    /// Reads the tag whose name starts at `nameStart` (just after `<`, or after `</` for an end
    /// tag), appending its attributes to `attributes`. `name` is the tag's name when the caller
    /// has matched it against the source already. `end` is the offset just past the closing
    /// `>`, or the end of the document; `closed` is false when the document ends first.
    static func read(_ document: [UInt8], nameStart: Int, name knownName: String?,
                     into attributes: inout [SourceAttribute]) -> (tag: TagToken, end: Int, closed: Bool) {
        let count = document.count
        var index = nameStart
        while index < count, !document[index].isHTMLSpace, document[index] != UInt8(ascii: "/"),
              document[index] != UInt8(ascii: ">") {
            index += 1
        }
        let name = knownName ?? lowercasedString(document[nameStart..<index])
        let first = attributes.count
        var selfClosing = false
        var closed = false
        // Duplicates are found by a scan while tags are small and by a set once one is not, so a
        // tag of 100,000 attributes costs linear time, not quadratic.
        var seen: Set<String>?
        func skipSpaces() { while index < count, document[index].isHTMLSpace { index += 1 } }
        while true {
            var slash = false
            while index < count, document[index].isHTMLSpace || document[index] == UInt8(ascii: "/") {
                slash = document[index] == UInt8(ascii: "/")
                index += 1
            }
            guard index < count, document[index] != UInt8(ascii: ">") else {
                closed = index < count
                selfClosing = slash && closed
                break
            }
            let attributeStart = index
            index += 1
            while index < count {
                let byte = document[index]
                if byte.isHTMLSpace || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "=") { break }
                index += 1
            }
            let key = lowercasedString(document[attributeStart..<index])
            skipSpaces()
            var value = index..<index
            if index < count, document[index] == UInt8(ascii: "=") {
                index += 1
                skipSpaces()
                if index < count, document[index] == UInt8(ascii: "\"") || document[index] == UInt8(ascii: "'") {
                    let quote = document[index]
                    let valueStart = index + 1
                    let valueEnd = document.firstIndex(of: quote, from: valueStart) ?? count
                    value = valueStart..<valueEnd
                    index = min(valueEnd + 1, count)
                } else {
                    let valueStart = index
                    while index < count, !document[index].isHTMLSpace, document[index] != UInt8(ascii: ">") { index += 1 }
                    value = valueStart..<index
                }
            }
            if seen == nil, attributes.count - first >= 16 { seen = Set(attributes[first...].map(\.name)) }
            if !(seen?.contains(key) ?? isDuplicate(key, in: attributes[first...])) {
                attributes.append(SourceAttribute(name: key, value: value,
                                                  hasReferences: document[value].containsByte(UInt8(ascii: "&"))))
                seen?.insert(key)
            }
        }
        let tag = TagToken(name: name, attributes: first..<attributes.count, selfClosing: selfClosing)
        return (tag, min(index + 1, count), closed)
    }

    /// Lengths first: comparing two different short strings is a call, comparing lengths is not.
    private static func isDuplicate(_ name: String, in attributes: ArraySlice<SourceAttribute>) -> Bool {
        attributes.contains { $0.name.utf8.count == name.utf8.count && $0.name == name }
    }

    /// The bytes as a `String`, A-Z lower-cased; without a copy when there is nothing to lower.
    private static func lowercasedString(_ bytes: ArraySlice<UInt8>) -> String {
        guard bytes.contains(where: \.isASCIIUpper) else { return String(decoding: bytes, as: UTF8.self) }
        return String(decoding: bytes.map(\.asciiLowercased), as: UTF8.self)
    }
}
