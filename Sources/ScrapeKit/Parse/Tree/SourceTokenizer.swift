/// The HTML5 tokenizer, over a page's UTF-8 source, feeding tree construction as it goes.
///
/// It reads from `<` to `<`: text with its character references, start and end tags with their
/// attributes (`TagReader`), comments, the doctype, and the content of an element tree
/// construction says is read as text (a script's, a title's: `RawTextScanner`). Text and
/// attribute values stay ranges of the source until something reads them.
///
/// One tokenizer serves one parse on one thread. Its state is exempt from run-time exclusivity
/// checks, which cost more than the work of most steps, since no access to it overlaps another.
final class SourceTokenizer {
    private let document: [UInt8]
    /// Where `InputStream.preprocess` put U+FFFD for a NUL, in order, and the first not yet read.
    private let nulls: [Int]
    @exclusivity(unchecked) private var nextNull = 0
    @exclusivity(unchecked) private var builder: TreeBuilder
    /// Everything before this offset has been tokenized.
    @exclusivity(unchecked) private var position = 0

    private init(document: [UInt8], nulls: [Int], workBudget: Int) {
        self.document = document
        self.nulls = nulls
        builder = TreeBuilder(tree: DocumentTree(source: document))
        builder.workBudget = workBudget
    }

    /// The tree of a UTF-8 document that has been through `InputStream.preprocess`, which gives
    /// `nulls` too; `isIncomplete` when building it cost more than `workBudget`.
    static func tree(of document: [UInt8], nulls: [Int] = [], workBudget: Int = TreeBuilder.defaultWorkBudget) -> DocumentTree {
        let tokenizer = SourceTokenizer(document: document, nulls: nulls, workBudget: workBudget)
        tokenizer.run()
        return tokenizer.builder.finish()
    }

    /// Reads the start tag at `start`; `name` is its name when the caller has checked it already.
    private func readStartTag(at start: Int, name: String? = nil) {
        guard let (tag, end) = builder.tree.readTag(nameStart: start + 1, name: name, endTag: false) else {
            position = document.count
            return
        }
        position = end
        builder.startTag(tag)
        switch builder.tokenizerState {
        case .data: return
        case .plaintext:
            text(document[end...], decoding: false)
            position = document.count
        case .rcdata, .rawText, .scriptData:
            let contentEnd = RawTextScanner.contentEnd(of: tag.name, in: document, from: end)
            text(document[end..<contentEnd], decoding: builder.tokenizerState == .rcdata)
            position = contentEnd
            if contentEnd < document.count { readEndTag(at: contentEnd, name: tag.name) }
        }
    }

    private func readEndTag(at start: Int, name: String? = nil) {
        guard let (tag, end) = builder.tree.readTag(nameStart: start + 2, name: name, endTag: true) else {
            position = document.count
            return
        }
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

    /// Tokenizes the whole source: text runs from one markup `<` to the next.
    private func run() {
        let limit = document.count
        var runStart = 0
        var index = 0
        func flush(_ end: Int) {
            if end > runStart { dataText(runStart..<end) }
        }
        while index < limit, !builder.isOverBudget,
              let open = document.firstIndex(of: UInt8(ascii: "<"), from: index), open < limit {
            let next = open + 1 < document.count ? document[open + 1] : 0
            let skipTo: Int
            if next == UInt8(ascii: "!") {
                flush(open)
                skipTo = declaration(at: open)
            } else if next == UInt8(ascii: "?") {
                flush(open)
                skipTo = bogusCommentEnd(from: open)
            } else if next == UInt8(ascii: "/"), open + 2 < document.count {
                // (`</` at the very end is text.)
                let after = document[open + 2]
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
        if limit > position, !builder.isOverBudget {
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
