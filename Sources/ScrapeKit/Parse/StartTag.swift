/// A start tag read from the source with the HTML5 tokenizer's rules.
///
/// libxml2 2.9.14 reads attributes the HTML 4 way: it drops names such as `@click` or `[attr]`
/// and gives up on a tag at the first surprise. Re-reading the tag ourselves keeps every
/// attribute a browser keeps, in order, the first of duplicates winning.
struct StartTag {
    var attributes: [(name: String, value: String)] = []
    /// Offset just past the closing `>`, or the end of the document.
    var end: Int

    /// A tag with no attributes, for an element the parser implied.
    init(impliedEndingAt end: Int) {
        self.end = end
    }

    /// Reads the tag whose `<` is at `start`; `nameLength` is the length of its element name.
    init(in document: [UInt8], at start: Int, nameLength: Int) {
        var index = start + 1 + nameLength
        let count = document.count
        var seen = Set<String>()
        func skipSpaces() { while index < count, document[index].isHTMLSpace { index += 1 } }
        while true {
            while index < count, document[index].isHTMLSpace || document[index] == UInt8(ascii: "/") { index += 1 }
            guard index < count, document[index] != UInt8(ascii: ">") else { break }
            var name: [UInt8] = [document[index].asciiLowercased]
            index += 1
            while index < count {
                let byte = document[index]
                if byte.isHTMLSpace || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "=") { break }
                name.append(byte.asciiLowercased)
                index += 1
            }
            skipSpaces()
            var value = ""
            if index < count, document[index] == UInt8(ascii: "=") {
                index += 1
                skipSpaces()
                if index < count, document[index] == UInt8(ascii: "\"") || document[index] == UInt8(ascii: "'") {
                    let quote = document[index]
                    let valueStart = index + 1
                    let valueEnd = document[valueStart...].firstIndex(of: quote) ?? count
                    value = CharacterReferences.decode(document[valueStart..<valueEnd], inAttribute: true)
                    index = min(valueEnd + 1, count)
                } else {
                    let valueStart = index
                    while index < count, !document[index].isHTMLSpace, document[index] != UInt8(ascii: ">") { index += 1 }
                    value = CharacterReferences.decode(document[valueStart..<index], inAttribute: true)
                }
            }
            let key = String(decoding: name, as: UTF8.self)
            if seen.insert(key).inserted { attributes.append((key, value)) }
        }
        end = min(index + 1, count)
    }
}
