import ScrapeSystem

/// The HTML5 tokenizer, over a page's UTF-8 source, feeding tree construction as it goes.
///
/// It reads from `<` to `<`: text with its character references, start and end tags with their
/// attributes (`TagReader`), comments, the doctype, and the content of an element tree
/// construction says is read as text (a script's, a title's: `RawTextScanner`). Text and
/// attribute values stay ranges of the source until something reads them.
///
/// Tokens go to a `TokenSink`: tree construction, or a test of the tokenizer alone. One tokenizer
/// serves one parse on one thread. Its state is exempt from run-time exclusivity checks, which
/// cost more than the work of most steps, since no access to it overlaps another.
final class SourceTokenizer<Sink: TokenSink> {
    private let document: [UInt8]
    /// Where `InputStream.preprocess` put U+FFFD for a NUL, in order, and the first not yet read.
    private let nulls: [Int]
    @exclusivity(unchecked) private var nextNull = 0
    @exclusivity(unchecked) private var sink: Sink
    /// Everything before this offset has been tokenized.
    @exclusivity(unchecked) private var position = 0

    private init(document: [UInt8], nulls: [Int], sink: Sink) {
        self.document = document
        self.nulls = nulls
        self.sink = sink
    }

    /// Tokenizes a UTF-8 document that has been through `InputStream.preprocess` (which gives
    /// `nulls` too) into `sink`, and returns the sink. `state` is where reading starts: after a
    /// start tag named `lastStartTag`, its content is read first, as the tokenizer suite asks.
    static func tokenize(_ document: [UInt8], nulls: [Int] = [], into sink: Sink, startingIn state: TokenizerState = .data,
                         lastStartTag: String = "") -> Sink {
        let tokenizer = SourceTokenizer(document: document, nulls: nulls, sink: sink)
        if state != .data { tokenizer.readContent(of: lastStartTag, from: 0, in: state) }
        tokenizer.run()
        return tokenizer.sink
    }

    /// Reads the start tag at `start`; `name` is its name when the caller has checked it already.
    private func readStartTag(at start: Int, name: String? = nil) {
        guard let (tag, end) = sink.tree.readTag(nameStart: start + 1, name: name, endTag: false) else {
            position = document.count
            return
        }
        position = end
        sink.startTag(tag)
        readContent(of: tag.name, from: end, in: sink.tokenizerState)
    }

    /// Reads what follows the start tag `name` (ending at `end`) in `state`: nothing in the data
    /// state, else the content as text, up to the end tag that closes it (read too).
    private func readContent(of name: String, from end: Int, in state: TokenizerState) {
        switch state {
        case .data: return
        case .plaintext:
            text(document[end...], decoding: false)
            position = document.count
        case .rcdata, .rawText, .scriptData:
            // With no start tag before it, no end tag is the appropriate one: all is text.
            let contentEnd = name.isEmpty ? document.count : RawTextScanner.contentEnd(of: name, in: document, from: end)
            text(document[end..<contentEnd], decoding: state == .rcdata)
            position = contentEnd
            if contentEnd < document.count { readEndTag(at: contentEnd, name: name) }
        }
    }

    private func readEndTag(at start: Int, name: String? = nil) {
        guard let (tag, end) = sink.tree.readTag(nameStart: start + 2, name: name, endTag: true) else {
            position = document.count
            return
        }
        position = end
        sink.endTag(tag)
    }

    private func text(_ bytes: ArraySlice<UInt8>, decoding: Bool) {
        guard !bytes.isEmpty else { return }
        if decoding, bytes.containsByte(UInt8(ascii: "&")) {
            sink.text(CharacterReferences.decodedBytes(bytes, inAttribute: false)[...], inSource: false)
        } else {
            sink.text(bytes, inSource: true)
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
            sink.nullCharacter()
            start = null + InputStream.replacementCharacter.count
        }
        text(document[start..<range.upperBound], decoding: true)
    }

    /// Tokenizes from `position` (past what `tokenize(startingIn:)` read first) to the end: text
    /// runs from one markup `<` to the next.
    private func run() {
        var runStart = position
        var index = position
        func flush(_ end: Int) {
            if end > runStart { dataText(runStart..<end) }
        }
        while !sink.isOverBudget, let open = document.firstIndex(of: UInt8(ascii: "<"), from: index) {
            let next = open + 1 < document.count ? document[open + 1] : 0
            let skipTo: Int
            if next == UInt8(ascii: "!") {
                flush(open)
                skipTo = declaration(at: open)
            } else if next == UInt8(ascii: "?") {
                flush(open)
                skipTo = bogusComment(from: open + 1)
            } else if next == UInt8(ascii: "/"), open + 2 < document.count {
                // (`</` at the very end is text.)
                let after = document[open + 2]
                flush(open)
                if after.isASCIILetter {
                    readEndTag(at: open)
                    skipTo = position
                } else {
                    skipTo = after == UInt8(ascii: ">") ? open + 3 : bogusComment(from: open + 2)
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
        if document.count > position, !sink.isOverBudget {
            flush(document.count)
            position = document.count
        }
    }

    /// `<!` at `open`: a comment, the doctype, CDATA (text, in SVG and MathML) or a bogus comment.
    /// Returns where it ends.
    private func declaration(at open: Int) -> Int {
        if document.hasPrefix("--", at: open + 2) {
            let contentStart = open + 4
            if document.hasPrefix(">", at: contentStart) || document.hasPrefix("->", at: contentStart) {
                sink.comment([])
                return document.firstIndex(of: UInt8(ascii: ">"), from: contentStart)! + 1
            }
            var index = contentStart
            while let dash = document.firstIndex(of: UInt8(ascii: "-"), from: index) {
                if document.hasPrefix("-->", at: dash) || document.hasPrefix("--!>", at: dash) {
                    sink.comment(document[contentStart..<dash])
                    return document.firstIndex(of: UInt8(ascii: ">"), from: dash)! + 1
                }
                index = dash + 1
            }
            // Cut off by the end of the file: what was read is the comment, less the `--!`, or the
            // (at most two) dashes, of the comment-end states the end of the file found it in.
            var end = document.count
            if end - contentStart >= 3, document.hasPrefix("--!", at: end - 3) {
                end -= 3
            } else {
                var dashes = 0
                while dashes < 2, end > contentStart, document[end - 1] == UInt8(ascii: "-") { end -= 1; dashes += 1 }
            }
            sink.comment(document[contentStart..<end])
            return document.count
        }
        if startsIgnoringCase(open + 2, "doctype") {
            let doctype = DoctypeReader(document, from: open + 9)
            sink.doctype(doctype)
            return doctype.end
        }
        if document.hasPrefix("[CDATA[", at: open + 2), sink.inForeignContent {
            let contentStart = open + 9
            let close = document.firstIndex(of: "]]>", from: contentStart)
            text(document[contentStart..<(close ?? document.count)], decoding: false)
            return close.map { $0 + 3 } ?? document.count
        }
        return bogusComment(from: open + 2)
    }

    /// A bogus comment (`<?php ...>`, `<!x>`, `</ x>`) whose data starts at `start`; returns where it ends.
    private func bogusComment(from start: Int) -> Int {
        let close = document.firstIndex(of: UInt8(ascii: ">"), from: start)
        sink.comment(document[start..<(close ?? document.count)])
        return close.map { $0 + 1 } ?? document.count
    }

    private func startsIgnoringCase(_ index: Int, _ text: StaticString) -> Bool {
        text.withUTF8Buffer { text in
            index + text.count <= document.count
                && zip(document[index...], text).allSatisfy { $0.asciiLowercased == $1 }
        }
    }
}

extension SourceTokenizer where Sink == TreeBuilder {
    /// The tree of a UTF-8 document that has been through `InputStream.preprocess`, which gives
    /// `nulls` too; `isIncomplete` when building it cost more than `workBudget`.
    static func tree(of document: [UInt8], nulls: [Int] = [], workBudget: Int = TreeBuilder.defaultWorkBudget) -> DocumentTree {
        // The builder goes in as a temporary, so that the tokenizer holds its only reference and
        // the tree's arrays grow in place rather than being copied on the first write.
        var builder = tokenize(document, nulls: nulls, into: TreeBuilder(tree: DocumentTree(source: document), workBudget: workBudget))
        return builder.finish()
    }
}
