import LibXML

/// Turns what libxml2's HTML parser reports into the HTML5 token stream, and feeds it to tree
/// construction.
///
/// libxml2 finds the tags; each one it reports is looked up in the source and re-read with HTML5
/// rules (attributes, raw text, where an end tag really is). Tags it implies are dropped, because
/// tree construction implies its own. The source between two tags is read here: text with its
/// character references, comments, the doctype, and the stray end tags libxml2 ignores but
/// HTML5 acts on (`</p>` with no open `<p>` makes an empty one). The content of an element read
/// as text (a script's, a style's) is read here too, and left out of what libxml2 is fed.
///
/// It is a class because libxml2's callbacks need a reference to come back to. Its state is
/// exempt from run-time exclusivity checks, which cost more than the work of most callbacks:
/// one tokenizer serves one parse on one thread, and no access to it overlaps another.
final class SourceTokenizer: HTMLEventDelegate {
    private let document: [UInt8]
    /// Where `InputStream.preprocess` put U+FFFD for a NUL, in order, and the first not yet read.
    private let nulls: [Int]
    @exclusivity(unchecked) private var nextNull = 0
    @exclusivity(unchecked) private var builder: TreeBuilder
    /// Everything before this offset has been tokenized.
    @exclusivity(unchecked) private var position = 0
    /// The content of the last element read as text (a script's, a title's), which libxml2 is
    /// spared: it would copy it character by character, and by rules that are not HTML5's.
    @exclusivity(unchecked) private var textElementContent = 0..<0

    init(document: [UInt8], nulls: [Int] = []) {
        self.document = document
        self.nulls = nulls
        builder = TreeBuilder(tree: DocumentTree(source: document))
    }

    /// The tree of a UTF-8 document that has been through `InputStream.preprocess`, which gives
    /// `nulls` too.
    static func tree(of document: [UInt8], nulls: [Int] = []) -> DocumentTree {
        let tokenizer = SourceTokenizer(document: document, nulls: nulls)
        HTMLEventScanner().scan(document, delegate: tokenizer)
        return tokenizer.finish()
    }

    func finish() -> DocumentTree {
        markup(upTo: document.count)
        return builder.finish()
    }

    func startTag(_ name: String, offset: Int) {
        guard offset >= position, let start = find(name, endTag: false, before: offset) else { return }
        markup(upTo: start)
        if position <= start { readStartTag(at: start, name: name) }
    }

    func endTag(_ name: String, offset: Int) {
        guard offset > position, let start = find(name, endTag: true, before: offset - 1) else { return }
        markup(upTo: start)
        if position <= start { readEndTag(at: start, name: name) }
    }

    /// libxml2 stops after each tag that may open text content, so that it is read here first.
    func pause(after offset: Int) -> Int {
        RawTextScanner.endOfNextTextElementTag(in: document, from: offset)
    }

    func resumption(at offset: Int) -> Int {
        textElementContent.contains(offset) ? textElementContent.upperBound : offset
    }

    /// The `<` of the tag libxml2 reported with its parser at `offset`, if the source has it
    /// there: tags it implied are not in the source.
    private func find(_ name: String, endTag: Bool, before offset: Int) -> Int? {
        let nameBytes = name.utf8
        var end = min(offset, document.count - 1) + 1
        while let index = document.lastIndex(of: UInt8(ascii: "<"), in: position..<end) {
            if endTag ? RawTextScanner.isEndTag(document, at: index, name: nameBytes)
                      : RawTextScanner.tagName(document, at: index + 1, name: nameBytes) != nil {
                return index
            }
            end = index
        }
        return nil
    }

    /// Reads the start tag at `start`; `name` is its name when the caller has checked it already.
    private func readStartTag(at start: Int, name: String? = nil) {
        let (tag, end) = builder.tree.readTag(nameStart: start + 1, name: name, endTag: false)
        position = end
        builder.startTag(tag)
        switch builder.tokenizerState {
        case .data: return
        case .plaintext:
            textElementContent = end..<document.count
            text(document[end...], decoding: false)
            position = document.count
        case .rcdata, .rawText, .scriptData:
            let contentEnd = RawTextScanner.contentEnd(of: tag.name, in: document, from: end)
            textElementContent = end..<contentEnd
            text(document[end..<contentEnd], decoding: builder.tokenizerState == .rcdata)
            position = contentEnd
            if contentEnd < document.count { readEndTag(at: contentEnd, name: tag.name) }
        }
    }

    private func readEndTag(at start: Int, name: String? = nil) {
        let (tag, end) = builder.tree.readTag(nameStart: start + 2, name: name, endTag: true)
        position = end
        builder.endTag(tag)
    }

    private func text(_ bytes: ArraySlice<UInt8>, decoding: Bool) {
        guard !bytes.isEmpty else { return }
        if decoding, bytes.containsByte(UInt8(ascii: "&")) {
            builder.text(CharacterReferences.decodedBytes(bytes, inAttribute: false)[...], inSource: false)
        } else {
            builder.text(bytes, inSource: true)
        }
    }

    /// Text in the data state, where a NUL is a token of its own for tree construction.
    private func dataText(_ range: Range<Int>) {
        var start = range.lowerBound
        // The source is read front to back, so the NULs are too.
        while nextNull < nulls.count, nulls[nextNull] < range.upperBound {
            let null = nulls[nextNull]
            nextNull += 1
            guard null >= start else { continue }
            text(document[start..<null], decoding: true)
            builder.nullCharacter()
            start = null + InputStream.replacementCharacter.count
        }
        text(document[start..<range.upperBound], decoding: true)
    }

    /// Tokenizes the source from `position` to `limit`, where libxml2 reported nothing.
    private func markup(upTo limit: Int) {
        var runStart = position
        var index = position
        func flush(_ end: Int) {
            if end > runStart { dataText(runStart..<end) }
        }
        while index < limit, let open = document.firstIndex(of: UInt8(ascii: "<"), from: index), open < limit {
            let next = open + 1 < document.count ? document[open + 1] : 0
            let skipTo: Int
            if next == UInt8(ascii: "!") {
                flush(open)
                skipTo = declaration(at: open)
            } else if next == UInt8(ascii: "?") {
                flush(open)
                skipTo = bogusCommentEnd(from: open)
            } else if next == UInt8(ascii: "/") {
                let after = open + 2 < document.count ? document[open + 2] : 0
                flush(open)
                if after.isASCIILetter {
                    readEndTag(at: open)
                    skipTo = position
                } else {
                    skipTo = after == UInt8(ascii: ">") ? open + 3 : bogusCommentEnd(from: open)
                }
            } else if next.isASCIILetter {
                flush(open)
                position = open
                readStartTag(at: open)
                skipTo = position
            } else {
                index = open + 1
                continue
            }
            index = skipTo
            runStart = skipTo
            position = skipTo
        }
        if limit > position {
            flush(limit)
            position = limit
        }
    }

    /// `<!` at `open`: a comment, the doctype, CDATA (text, in SVG and MathML) or a bogus comment.
    /// Returns where it ends.
    private func declaration(at open: Int) -> Int {
        if document.hasPrefix("--", at: open + 2) {
            let contentStart = open + 4
            if document.hasPrefix(">", at: contentStart) { return contentStart + 1 }
            if document.hasPrefix("->", at: contentStart) { return contentStart + 2 }
            var index = contentStart
            while let dash = document.firstIndex(of: UInt8(ascii: "-"), from: index) {
                if document.hasPrefix("-->", at: dash) { return dash + 3 }
                if document.hasPrefix("--!>", at: dash) { return dash + 4 }
                index = dash + 1
            }
            return document.count
        }
        if startsIgnoringCase(open + 2, "doctype") {
            let end = bogusCommentEnd(from: open)
            doctype(document[(open + 9)..<max(open + 9, end - 1)])
            return end
        }
        if document.hasPrefix("[CDATA[", at: open + 2), builder.inForeignContent {
            let contentStart = open + 9
            let close = document.firstIndex(of: "]]>", from: contentStart)
            text(document[contentStart..<(close ?? document.count)], decoding: false)
            return close.map { $0 + 3 } ?? document.count
        }
        return bogusCommentEnd(from: open)
    }

    private func bogusCommentEnd(from open: Int) -> Int {
        (document.firstIndex(of: UInt8(ascii: ">"), from: open + 1) ?? document.count - 1) + 1
    }

    /// Name, public and system identifiers of `<!DOCTYPE ...>`, for the quirks-mode decision.
    private func doctype(_ bytes: ArraySlice<UInt8>) {
        var words: [String] = []
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte.isHTMLSpace {
                index += 1
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                let close = bytes[(index + 1)...].firstIndex(of: byte) ?? bytes.endIndex
                words.append("\u{0}" + String(decoding: bytes[(index + 1)..<close], as: UTF8.self))
                index = min(close + 1, bytes.endIndex)
            } else {
                let wordEnd = bytes[index...].firstIndex { $0.isHTMLSpace || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") } ?? bytes.endIndex
                words.append(String(decoding: bytes[index..<wordEnd], as: UTF8.self).lowercased())
                index = wordEnd
            }
        }
        let name = words.first ?? ""
        let quoted = words.dropFirst().filter { $0.hasPrefix("\u{0}") }.map { String($0.dropFirst()) }
        let keyword = words.dropFirst().first
        let publicID = keyword == "public" ? quoted.first : nil
        let systemID = keyword == "public" ? quoted.dropFirst().first : keyword == "system" ? quoted.first : nil
        builder.doctype(name: name, publicID: publicID, systemID: systemID)
    }

    private func startsIgnoringCase(_ index: Int, _ text: StaticString) -> Bool {
        text.withUTF8Buffer { text in
            index + text.count <= document.count
                && zip(document[index...], text).allSatisfy { $0.asciiLowercased == $1 }
        }
    }
}
