import ScrapeSystem

/// Reads `<!DOCTYPE ...>` by the tokenizer's DOCTYPE states: the name (lower-cased), the public
/// and system identifiers, and whether the doctype forces quirks mode (one cut short or garbled).
struct DoctypeReader {
    private(set) var name: String?
    private(set) var publicID: String?
    private(set) var systemID: String?
    private(set) var forcesQuirks = false
    /// Just past the doctype's `>`, or the end of the document.
    private(set) var end: Int

    private let document: [UInt8]
    private var index: Int
    /// An identifier was cut short, which ended the doctype.
    private var cutShort = false

    /// Reads the doctype whose `DOCTYPE` keyword ends just before `start`.
    init(_ document: [UInt8], from start: Int) {
        self.document = document
        index = start
        end = document.count
        read()
    }

    private mutating func read() {
        skipSpaces()
        if index >= document.count || document[index] == UInt8(ascii: ">") {
            forcesQuirks = true
            end = min(index + 1, document.count)
            return
        }
        let nameStart = index
        while index < document.count, !document[index].isHTMLSpace, document[index] != UInt8(ascii: ">") { index += 1 }
        name = String(decoding: document[nameStart..<index].map(\.asciiLowercased), as: UTF8.self)
        skipSpaces()
        if closes() { return }
        let keyword = document[index..<min(index + 6, document.count)].map(\.asciiLowercased)
        let isPublic = keyword.elementsEqual("public".utf8)
        guard isPublic || keyword.elementsEqual("system".utf8) else { return bogus(forcingQuirks: true) }
        index += 6
        skipSpaces()
        if closes() {
            forcesQuirks = true
            return
        }
        // The first identifier: the public one after PUBLIC, the system one after SYSTEM.
        guard let first = quoted() else { return bogus(forcingQuirks: true) }
        if isPublic { publicID = first } else { systemID = first }
        guard !cutShort else { return }
        skipSpaces()
        if closes() { return }
        // After a public identifier a system one may follow; after a system one, nothing.
        guard isPublic, let second = quoted() else { return bogus(forcingQuirks: isPublic) }
        systemID = second
        guard !cutShort else { return }
        skipSpaces()
        if closes() { return }
        bogus(forcingQuirks: false)
    }

    private mutating func skipSpaces() {
        while index < document.count, document[index].isHTMLSpace { index += 1 }
    }

    /// Whether the doctype ends at `index`: at a `>`, or at the end of the file, which forces quirks.
    private mutating func closes() -> Bool {
        if index >= document.count {
            forcesQuirks = true
            end = document.count
            return true
        }
        guard document[index] == UInt8(ascii: ">") else { return false }
        end = index + 1
        return true
    }

    /// The rest is bogus: skipped to the next `>`.
    private mutating func bogus(forcingQuirks: Bool) {
        forcesQuirks = forcesQuirks || forcingQuirks
        end = (document.firstIndex(of: UInt8(ascii: ">"), from: index) ?? document.count - 1) + 1
    }

    /// The quoted identifier at `index`, nil when there is no quote there. One cut short by `>`
    /// or the end of the file keeps what it read, ends the doctype and forces quirks.
    private mutating func quoted() -> String? {
        guard index < document.count, document[index] == UInt8(ascii: "\"") || document[index] == UInt8(ascii: "'") else {
            return nil
        }
        let quote = document[index]
        let contentStart = index + 1
        var close = contentStart
        while close < document.count, document[close] != quote, document[close] != UInt8(ascii: ">") { close += 1 }
        let text = String(decoding: document[contentStart..<close], as: UTF8.self)
        if close < document.count, document[close] == quote {
            index = close + 1
        } else {
            forcesQuirks = true
            cutShort = true
            end = min(close + 1, document.count)
        }
        return text
    }
}
