import LibXML

/// Finds every element named `tag` in a UTF-8 document, as an HTML5 browser would.
///
/// libxml2's HTML parser decides the structure: what is markup, what is a comment, which tags
/// open elements. Where its pre-HTML5 tokenizer is known to differ from a browser (attribute
/// syntax, where raw text ends, foreign content), the element is re-read from the source at the
/// offsets libxml2 reports.
struct ElementExtractor: Sendable {
    let tag: String
    private let scanner: HTMLEventScanner

    init(tag: String) {
        self.tag = tag.lowercased()
        let context = RawTextScanner.rawTextElements.union(["svg", "math"]).subtracting([self.tag]).sorted()
        scanner = HTMLEventScanner(watching: [self.tag] + context)
    }

    /// The elements of `document`, which must be UTF-8 and already preprocessed (see `InputStream`).
    func extract(from document: [UInt8]) -> [Element] {
        let collector = ElementCollector(document: document, names: scanner.names)
        scanner.scan(document, delegate: collector)
        return collector.finish()
    }
}

/// Builds the elements from libxml2's events for one document.
private final class ElementCollector: HTMLEventDelegate {
    private struct Open {
        var name: Int
        var counted: Bool
        var slot: Int?
    }

    private let document: [UInt8]
    private let names: [String]
    private let nameBytes: [[UInt8]]
    private var elements: [Element] = []
    private var texts: [Int: [UInt8]] = [:]
    private var open: [Open] = []
    /// Events before this offset are inside raw text that libxml2 read as markup.
    private var skipUntil = 0
    /// Where the last tag we read ended: the next start tag cannot begin before it.
    private var floor = 0
    private var foreignDepth = 0

    init(document: [UInt8], names: [String]) {
        self.document = document
        self.names = names
        nameBytes = names.map { Array($0.utf8) }
    }

    func finish() -> [Element] {
        for (slot, text) in texts { elements[slot].text = String(decoding: text, as: UTF8.self) }
        return elements
    }

    func startElement(_ name: Int, offset: Int) {
        guard offset >= skipUntil else {
            open.append(Open(name: name, counted: false))
            return
        }
        let element = names[name]
        let isForeignRoot = element == "svg" || element == "math"
        let inForeign = foreignDepth > 0
        open.append(Open(name: name, counted: true))
        if isForeignRoot { foreignDepth += 1 }
        guard name == 0 || (!inForeign && RawTextScanner.rawTextElements.contains(element)) else { return }

        let tag = startTag(name, before: offset)
        floor = tag.end
        if inForeign && !isForeignRoot {
            let (text, end) = ForeignText.read(element, in: document, from: tag.end)
            if RawTextScanner.rawTextElements.contains(element) { skipUntil = end }
            elements.append(Element(attributes: tag.attributes, text: text))
        } else if RawTextScanner.rawTextElements.contains(element) {
            let end = RawTextScanner.contentEnd(of: element, in: document, from: tag.end)
            skipUntil = end
            if name == 0 {
                elements.append(Element(attributes: tag.attributes, text: String(decoding: document[tag.end..<end], as: UTF8.self)))
            }
        } else {
            open[open.count - 1].slot = elements.count
            texts[elements.count] = []
            elements.append(Element(attributes: tag.attributes, text: ""))
        }
    }

    func endElement(_ name: Int, offset: Int) {
        guard let position = open.lastIndex(where: { $0.name == name }) else { return }
        let closed = open.remove(at: position)
        if closed.counted, names[name] == "svg" || names[name] == "math" { foreignDepth -= 1 }
    }

    func characters(_ bytes: [UInt8]) {
        for entry in open where entry.slot != nil && entry.counted {
            texts[entry.slot!, default: []].append(contentsOf: bytes)
        }
    }

    /// The start tag libxml2 reported with its parser at `offset`: found by looking back for
    /// `<name`, then re-read with HTML5 rules. Falls back to no attributes if the source
    /// does not show the tag (libxml2 can report elements it implied).
    private func startTag(_ name: Int, before offset: Int) -> StartTag {
        var index = min(offset, document.count - 1)
        while index >= floor {
            if document[index] == UInt8(ascii: "<"), RawTextScanner.tagName(document, at: index + 1, name: nameBytes[name]) != nil {
                return StartTag(in: document, at: index, nameLength: nameBytes[name].count)
            }
            index -= 1
        }
        return StartTag(impliedEndingAt: min(offset + 1, document.count))
    }
}
