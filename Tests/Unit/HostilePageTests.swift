import Testing
@testable import ScrapeKit

/// Pages built to make a parser take quadratic time or memory. Each gets a bounded answer: its
/// tree, or a `too_complex` record once building it has cost its work budget (a count of steps,
/// not a clock, so the bound holds on any machine; a hundredth of the default here, for a debug build).
@Suite struct HostilePageTests {
    private func parse(_ html: String, tag: String = "div") -> ParsedPage {
        var parser = PageParser(tag: tag)
        parser.treeWorkBudget = TreeBuilder.defaultWorkBudget / 100
        return parser.parse(Array(html.utf8), contentType: "text/html; charset=utf-8")
    }

    @Test(arguments: ["table", "a", "select"])
    func aHundredThousandNestedTagsAreBuilt(_ name: String) {
        let page = parse(String(repeating: "<\(name)>", count: 100_000), tag: name)
        #expect(page.error == nil)
        #expect(page.elements.count >= 1)
    }

    /// 100,000 nested `<div>`s, or `<b><i>` pairs closed by `</b>`s, or a paragraph's formatting
    /// elements reopened in each of 2,000 paragraphs: quadratic work, stopped at the budget.
    @Test(arguments: [
        String(repeating: "<div>", count: 100_000),
        String(repeating: "<b><i>", count: 50_000) + String(repeating: "</b>", count: 50_000),
        "<p>" + (0..<2_000).map { "<b id=\($0)>" }.joined() + "</p>" + String(repeating: "<p>x</p>", count: 2_000),
    ])
    func quadraticPagesStopAtTheBudget(_ html: String) {
        #expect(parse(html).error?.kind == .tooComplex)
    }

    /// Chromium's depth bound: nodes below 512 open elements hang from the 512th, so walking the
    /// tree (every `div`'s text, below) stays linear.
    @Test func theTreeIsAtMostMaximumDepthDeep() {
        let page = parse(String(repeating: "<div>", count: 1_000) + "x")
        #expect(page.error == nil)
        #expect(page.elements.count == 1_000)
        #expect(page.elements.filter { $0.text == "x" }.count == TreeBuilder.maximumDepth - 2, "html and body are open too")
        #expect(page.elements.last?.text == "x")
        let (document, nulls) = InputStream.preprocess(Array((String(repeating: "<div>", count: 1_000)).utf8))
        let tree = SourceTokenizer<TreeBuilder>.tree(of: document, nulls: nulls)
        var deepest = 0
        tree.forEachElement(under: DocumentTree.document, intoTemplates: true) { node in
            var depth = 1
            var parent = tree[node].parent
            while parent > DocumentTree.document {
                depth += 1
                parent = tree[parent].parent
            }
            deepest = max(deepest, depth)
            return true
        }
        #expect(deepest == TreeBuilder.maximumDepth, "elements from <html> down")
    }

    @Test func oneElementWithAMillionAttributes() {
        let page = parse("<div " + (0..<1_000_000).map { "a\($0)" }.joined(separator: " ") + ">")
        #expect(page.elements.first?.attributes.count == 1_000_000)
    }

    @Test func aFiftyMegabyteAttributeValue() {
        let page = parse("<div title=\"" + String(repeating: "x", count: 50 << 20) + "\">")
        #expect(page.elements.first?.attributes.first?.value.utf8.count == 50 << 20)
    }

    @Test func aMillionCharacterReferences() {
        let page = parse("<div>" + String(repeating: "&amp;&notin;&#x41;", count: 333_334) + "</div>")
        #expect(page.elements.first?.text.unicodeScalars.count == 3 * 333_334)
    }

    @Test func everyByte() {
        let page = PageParser(selections: [Selection(try! Selector("*"))]).parse((0...255).map(UInt8.init), contentType: "text/html")
        #expect(page.error == nil)
        #expect(page.elements.map(\.name) == ["html", "head", "body"])
    }
}
