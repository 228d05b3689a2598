/// HTML5 tree construction: turns tokens into the tree a browser builds, implied elements,
/// misnested formatting and misplaced table content included.
///
/// This follows the WHATWG algorithm as html5lib implements it (the reference our answers are
/// checked against), minus what cannot change the elements we report: comments, the scripting
/// flag (off, as in html5lib) and error reporting.
struct TreeBuilder: TokenSink {
    var tree: DocumentTree
    /// What the tokenizer reads after the tag just processed.
    var tokenizerState = TokenizerState.data

    var mode = InsertionMode.initial
    /// A `<selectedcontent>` was inserted: the finished tree gets its options copied in.
    var hasSelectedContent = false
    var originalMode = InsertionMode.inBody
    var templateModes: [InsertionMode] = []
    var stack: [Int] = []
    var formatting: [FormattingEntry] = []
    var headElement: Int?
    var formElement: Int?
    var fosterParenting = false
    /// The standard's frameset-ok flag: a `<frameset>` may still replace the body, since nothing
    /// that makes a page a body page (text, most content elements) has been seen.
    var framesetOK = true
    var quirks = false
    /// A newline right after `<pre>`, `<listing>` or `<textarea>` is not content.
    var skipNewline = false
    /// The work done so far: for each token, the open elements and active formatting elements
    /// it may have to walk, which is what makes hostile nesting quadratic.
    private(set) var work = 0

    /// Chromium's bound on the depth of the tree: once 512 elements are open, a new element is
    /// attached beside the current one, not in it, so walking a page's tree stays linear however
    /// deep it is written. (Text still goes into the current element.)
    static let maximumDepth = 512
    /// The most `work` a page may cost: about a second. Past it, a page is not built further
    /// (20,000 nested elements get there; real pages stay far below).
    static let defaultWorkBudget = 200_000_000
    /// `defaultWorkBudget`, lower in tests.
    var workBudget = TreeBuilder.defaultWorkBudget

    /// Whether the page has cost more than `workBudget`, or made more nodes than a page of its
    /// size can honestly hold (formatting elements reopened for every paragraph multiply).
    var isOverBudget: Bool {
        work > workBudget || tree.nodeCount > max(1 << 17, tree.sourceCount)
    }

    enum FormattingEntry {
        case marker
        case element(Int, TagToken)

        var node: Int? {
            if case .element(let node, _) = self { return node }
            return nil
        }
    }

    var current: Int { stack.last ?? DocumentTree.document }

    /// Whether the current node is SVG or MathML, where `<![CDATA[` starts text.
    var inForeignContent: Bool { stack.last.map { tree[$0].namespace != .html } ?? false }

    // MARK: Tokens

    mutating func doctype(_ doctype: DoctypeReader) {
        guard mode == .initial else { return }
        quirks = doctype.forcesQuirks
            || Self.isQuirky(name: doctype.name ?? "", publicID: doctype.publicID, systemID: doctype.systemID)
        mode = .beforeHTML
    }

    mutating func startTag(_ tag: TagToken) {
        work += stack.count + formatting.count
        skipNewline = false
        tokenizerState = .data
        if usesForeignRules(forStart: tag) {
            foreignStartTag(tag)
        } else {
            startTag(tag, in: mode)
        }
    }

    mutating func endTag(_ tag: TagToken) {
        work += stack.count + formatting.count
        skipNewline = false
        tokenizerState = .data
        if let node = stack.last, tree[node].namespace != .html {
            foreignEndTag(tag)
        } else {
            endTag(tag, in: mode)
        }
    }

    /// A NUL in the data state: U+FFFD in SVG and MathML content. Elsewhere it is text enough to
    /// end the modes before the body (as in html5lib: `<head>\0<title>` puts the title in the
    /// body) and is then dropped, as HTML5 ignores it.
    mutating func nullCharacter() {
        text(InputStream.replacementCharacter[...], inSource: false, isNull: true)
    }

    /// `bytes` is a slice of the source when `inSource`, and is then not copied.
    mutating func text(_ bytes: ArraySlice<UInt8>, inSource: Bool) {
        text(bytes, inSource: inSource, isNull: false)
    }

    /// Comments are not kept (nothing extracted or matched can see them), but where one goes the
    /// text before it and the text after it stay two text nodes, as `::text` and XPath see them.
    mutating func comment(_ bytes: ArraySlice<UInt8>) {
        switch mode {
        case .initial, .beforeHTML, .afterAfterBody, .afterAfterFrameset:
            return
        case .afterBody:
            if let root = stack.first { tree.separateText(into: root) }
        default:
            let place = insertionPlace()
            tree.separateText(into: place.parent, before: place.before)
        }
    }

    private mutating func text(_ bytes: ArraySlice<UInt8>, inSource: Bool, isNull: Bool) {
        work += stack.count + formatting.count
        var rest = bytes
        if skipNewline {
            skipNewline = false
            if rest.first == 0x0A { rest = rest.dropFirst() }
        }
        while !rest.isEmpty {
            if let node = stack.last, tree[node].namespace != .html, !isMathMLTextIntegrationPoint(node),
               !isHTMLIntegrationPoint(node) {
                if !isNull { noteContent(rest) }
                insertText(rest, inSource: inSource)
                return
            }
            if isNull, !Self.modesBeforeBody.contains(mode) { return }
            switch mode {
            case .initial, .beforeHTML, .beforeHead:
                rest = rest.drop { $0.isHTMLSpace }
                guard !rest.isEmpty else { return }
                leave(mode)
            case .inHead, .inHeadNoscript, .afterHead, .inColumnGroup:
                let spaces = rest.prefix { $0.isHTMLSpace }
                insertText(spaces, inSource: inSource)
                rest = rest[spaces.endIndex...]
                guard !rest.isEmpty else { return }
                if mode == .inColumnGroup, !isHTML(current, "colgroup") { return }
                leave(mode)
            case .inBody, .inCaption, .inCell, .inTemplate:
                bodyText(rest, inSource: inSource)
                return
            case .text:
                insertText(rest, inSource: inSource)
                return
            case .inFrameset, .afterFrameset:
                // Only whitespace counts here; other characters are dropped.
                insertText(ArraySlice(rest.filter(\.isHTMLSpace)), inSource: false)
                return
            case .afterAfterFrameset:
                bodyText(ArraySlice(rest.filter(\.isHTMLSpace)), inSource: false)
                return
            case .inTable, .inTableBody, .inRow:
                if rest.allSatisfy(\.isHTMLSpace), isHTML(current, .fosterTarget) {
                    insertText(rest, inSource: inSource)
                } else {
                    fosterParenting = true
                    bodyText(rest, inSource: inSource)
                    fosterParenting = false
                }
                return
            case .afterBody, .afterAfterBody:
                let spaces = rest.prefix { $0.isHTMLSpace }
                bodyText(spaces, inSource: inSource)
                rest = rest[spaces.endIndex...]
                guard !rest.isEmpty else { return }
                mode = .inBody
            }
        }
    }

    /// Where text that is not whitespace ends a mode (and implies elements) before it is inserted.
    private static let modesBeforeBody: Set<InsertionMode> = [
        .initial, .beforeHTML, .beforeHead, .inHead, .inHeadNoscript, .afterHead, .inColumnGroup,
    ]

    /// The tree once every token has been processed, the end of the file included, which is a
    /// token too: the modes before the body imply what they imply for any other (so
    /// `<!doctype html><script>` still gets its `<body>`), an element read as text ends, and open
    /// templates close.
    mutating func finish() -> DocumentTree {
        tree.isIncomplete = isOverBudget
        while true {
            switch mode {
            case .initial, .beforeHTML, .beforeHead, .inHead, .inHeadNoscript, .afterHead:
                leave(mode)
            case .text:
                stack.removeLast()
                mode = originalMode
            default:
                // Every other mode ends as the body does: by closing the open templates, if any.
                guard !templateModes.isEmpty, stack.contains(where: { isHTML($0, "template") }) else {
                    if hasSelectedContent { projectSelectedContent() }
                    return tree
                }
                templateEndTag()
            }
        }
    }

    /// The "anything else" step of the modes before the body: what is implied, and the next mode.
    mutating func leave(_ from: InsertionMode) {
        switch from {
        case .initial:
            quirks = true
            mode = .beforeHTML
        case .beforeHTML:
            let html = tree.makeElement("html", .html, attributes: 0..<0)
            tree.insert(html, into: DocumentTree.document)
            stack.append(html)
            mode = .beforeHead
        case .beforeHead:
            headElement = insertHTML(TagToken(name: "head"))
            mode = .inHead
        case .inHead:
            stack.removeLast()
            mode = .afterHead
        case .inHeadNoscript:
            stack.removeLast()
            mode = .inHead
        case .afterHead:
            insertHTML(TagToken(name: "body"))
            mode = .inBody
        case .inColumnGroup:
            stack.removeLast()
            mode = .inTable
        default:
            break
        }
    }

    mutating func bodyText(_ bytes: ArraySlice<UInt8>, inSource: Bool) {
        guard !bytes.isEmpty else { return }
        noteContent(bytes)
        reconstructFormatting()
        insertText(bytes, inSource: inSource)
    }

    /// Text other than whitespace makes a page a body page: no `<frameset>` replaces it then.
    private mutating func noteContent(_ bytes: ArraySlice<UInt8>) {
        if framesetOK, bytes.contains(where: { !$0.isHTMLSpace }) { framesetOK = false }
    }

    // MARK: Inserting

    /// Where a new node goes: the current node, or before the table it would land in.
    func insertionPlace(target: Int? = nil) -> (parent: Int, before: Int?) {
        let target = target ?? current
        guard fosterParenting, isHTML(target, .fosterTarget) else { return (target, nil) }
        let lastTemplate = stack.lastIndex { isHTML($0, "template") }
        let lastTable = stack.lastIndex { isHTML($0, "table") }
        if let lastTemplate, lastTable.map({ lastTemplate > $0 }) ?? true { return (stack[lastTemplate], nil) }
        guard let lastTable else { return (stack[0], nil) }
        let table = stack[lastTable]
        if tree[table].parent >= 0 { return (tree[table].parent, table) }
        return (stack[lastTable - 1], nil)
    }

    @discardableResult
    mutating func insertHTML(_ tag: TagToken) -> Int {
        insertElement(tag.name, .html, kind: tag.kind, attributes: tag.attributes)
    }

    @discardableResult
    mutating func insertElement(_ name: String, _ namespace: DocumentTree.Namespace, kind: ElementCategories.Kind? = nil,
                       attributes: Range<Int>) -> Int {
        let element = tree.makeElement(name, namespace, kind: kind, attributes: attributes)
        var place = insertionPlace()
        if stack.count >= Self.maximumDepth, tree[place.parent].parent >= 0 { place = (tree[place.parent].parent, nil) }
        tree.insert(element, into: place.parent, before: place.before)
        stack.append(element)
        if namespace == .html, name == "selectedcontent" { hasSelectedContent = true }
        return element
    }

    mutating func insertVoid(_ tag: TagToken) {
        insertHTML(tag)
        stack.removeLast()
    }

    mutating func insertText(_ bytes: ArraySlice<UInt8>, inSource: Bool) {
        let place = insertionPlace()
        guard place.parent != DocumentTree.document else { return }
        tree.insertText(bytes, inSource: inSource, into: place.parent, before: place.before)
    }

    /// An element whose content the tokenizer reads as text: RCDATA, RAWTEXT or script data.
    mutating func insertTextElement(_ tag: TagToken, _ state: TokenizerState) {
        insertHTML(tag)
        tokenizerState = state
        originalMode = mode
        mode = .text
    }

    // MARK: The stack of open elements

    /// Lengths are compared first: the stack walks compare names at every level, and two
    /// different short strings of one length cost a call to compare, of two lengths nothing.
    func isHTML(_ node: Int, _ name: String) -> Bool {
        tree[node].namespace == .html && tree[node].name.utf8.count == name.utf8.count && tree[node].name == name
    }

    /// Whether `node` is an HTML element on the list `kind` (only HTML elements are on them).
    func isHTML(_ node: Int, _ kind: ElementCategories.Kind) -> Bool {
        tree[node].kind.contains(kind)
    }

    func isSpecial(_ node: Int) -> Bool {
        tree[node].kind.contains(.special)
    }

    enum Scope {
        case standard, listItem, button, table
    }

    /// Whether an HTML element named `name` is open with no scope boundary above it.
    func inScope(_ name: String, _ scope: Scope = .standard) -> Bool {
        inScope(scope) { self.isHTML($0, name) }
    }

    func inScope(_ scope: Scope, where matches: (Int) -> Bool) -> Bool {
        for node in stack.reversed() {
            if matches(node) { return true }
            if isScopeBoundary(node, scope) { return false }
        }
        return false
    }

    private func isScopeBoundary(_ node: Int, _ scope: Scope) -> Bool {
        switch scope {
        case .table:
            return tree[node].kind.contains(.tableScopeBoundary)
        case .standard:
            return tree[node].kind.contains(.scopeBoundary)
        case .listItem:
            return tree[node].kind.contains(.listItemScopeBoundary)
        case .button:
            return tree[node].kind.contains(.buttonScopeBoundary)
        }
    }

    /// Pops up to and including the HTML element `name`; the root `<html>` always stays.
    mutating func popUntil(_ name: String) {
        while stack.count > 1, let node = stack.popLast(), !isHTML(node, name) {}
    }

    mutating func popUntil(oneOf kind: ElementCategories.Kind) {
        while stack.count > 1, let node = stack.popLast(), !isHTML(node, kind) {}
    }

    mutating func generateImpliedEndTags(except name: String? = nil) {
        while let node = stack.last, isHTML(node, .impliedEnd), tree[node].name != name {
            stack.removeLast()
        }
    }

    var paragraphInButtonScope: Bool {
        inScope(.button) { self.isHTML($0, .paragraph) }
    }

    mutating func closeParagraphInButtonScope() {
        guard paragraphInButtonScope else { return }
        generateImpliedEndTags(except: "p")
        popUntil("p")
    }

    mutating func removeFromStack(_ node: Int) {
        if let index = stack.lastIndex(of: node) { stack.remove(at: index) }
    }

    mutating func resetInsertionMode() {
        for (index, node) in stack.enumerated().reversed() {
            let last = index == 0
            guard tree[node].namespace == .html else { continue }
            switch tree[node].name {
            case "td" where !last, "th" where !last: mode = .inCell; return
            case "tr": mode = .inRow; return
            case "tbody", "thead", "tfoot": mode = .inTableBody; return
            case "caption": mode = .inCaption; return
            case "colgroup": mode = .inColumnGroup; return
            case "table": mode = .inTable; return
            case "template": mode = templateModes.last ?? .inBody; return
            case "head" where !last: mode = .inHead; return
            case "body": mode = .inBody; return
            case "frameset": mode = .inFrameset; return
            case "html": mode = headElement == nil ? .beforeHead : .afterHead; return
            default: break
            }
        }
        mode = .inBody
    }

    // MARK: Doctype

    private static let quirkyPublicPrefixes = [
        "+//silmaril//dtd html pro v0r11 19970101//", "-//as//dtd html 3.0 aswedit + extensions//",
        "-//advasoft ltd//dtd html 3.0 aswedit + extensions//", "-//ietf//dtd html", "-//metrius//dtd metrius presentational//",
        "-//microsoft//dtd internet explorer", "-//netscape comm. corp.//dtd", "-//o'reilly and associates//dtd html",
        "-//softquad", "-//spyglass//dtd html 2.0 extended//", "-//sq//dtd html 2.0 hotmetal + extensions//",
        "-//sun microsystems corp.//dtd hotjava html//", "-//w3c//dtd html 3", "-//w3c//dtd html 4.0 frameset//",
        "-//w3c//dtd html 4.0 transitional//", "-//w3c//dtd html experimental", "-//w3c//dtd w3 html//",
        "-//w3o//dtd w3 html 3.0//", "-//webtechs//dtd mozilla html",
    ]

    /// HTML5's quirks-mode test; the one quirk tree construction has is `<table>` not closing `<p>`.
    static func isQuirky(name: String, publicID: String?, systemID: String?) -> Bool {
        guard name == "html" else { return true }
        let publicID = publicID?.lowercased() ?? ""
        let systemID = systemID?.lowercased()
        if ["-//w3o//dtd w3 html strict 3.0//en//", "-/w3c/dtd html 4.0 transitional/en", "html"].contains(publicID) {
            return true
        }
        if systemID == "http://www.ibm.com/data/dtd/v11/ibmxhtml1-transitional.dtd" { return true }
        if quirkyPublicPrefixes.contains(where: { publicID.hasPrefix($0) }) { return true }
        if systemID == nil, publicID.hasPrefix("-//w3c//dtd html 4.01 frameset//")
            || publicID.hasPrefix("-//w3c//dtd html 4.01 transitional//") {
            return true
        }
        return false
    }
}
