import Testing
@testable import ScrapeKit

/// `--xpath`, evaluated by libxml2 over the mirror of the HTML5 tree. Each case's answer is lxml's
/// over html5lib's tree (`html5lib.parse(html, treebuilder='lxml', namespaceHTMLElements=False)`,
/// `etree.XPath(expr, namespaces={'svg': SVG})`); a number is lxml's `string()` of it.
@Suite struct XPathTests {
    private static let cases: [(html: String, xpath: String, expected: [String])] = [
        ("<script src=/a.js></script><script>x</script><script SRC=b.js></script>", "//script/@src", ["/a.js", "b.js"]),
        ("<h1>Hello <b>big</b> world</h1>", "//h1/text()", ["Hello ", " world"]),
        ("<p>1</p><p>2</p><p>3</p>", "count(//p)", ["3"]),
        ("<title>T &amp; U</title>", "string(//title)", ["T & U"]),
        ("<p>a</p>", "boolean(//nav)", ["false"]),
        ("<p>a</p>", "1 div 3", ["0.333333333333333"]),
        ("<p>a</p>", "2 * 3", ["6"]),
        ("<p>a</p>", "1 div 0", ["Infinity"]),
        ("<p>a</p>", "0 div 0", ["NaN"]),
        ("<p>a</p>", "string(//nothing)", [""]),
        ("<ul> <li>a</li> <li>b</li></ul>", "//ul/text()", [" ", " "]),
        ("<ul><li>1<li>2<li>3</ul>", "//li[position() > 1]/text()", ["2", "3"]),
        ("<p>  a   b  </p>", "normalize-space(//p)", ["a b"]),
        ("<div><p id=x>1</p><p>2</p></div>", "//p[@id='x']/following-sibling::p/text()", ["2"]),
        ("<a href=x>1</a><a href=xy>2</a><a href=z>3</a>", "//a[contains(@href,'x')]/text()", ["1", "2"]),
        ("<svg><rect width=1 /></svg>", "count(//svg:rect)", ["1"]),
        ("<svg><rect width=1 /></svg>", "count(//rect)", ["0"]),
        ("<template><p>in</p></template>", "//template/p/text()", ["in"]),
        ("<p>a</p>", "//p/ancestor::*", ["<html>", "<body>"]),
        ("<p>More from <!-- -->Murrieta</p>", "//p/text()", ["More from ", "Murrieta"]),
        ("<p>a<!-- c -->b</p>", "count(//p/text())", ["2"]),
    ]

    private func evaluate(_ html: String, _ xpath: String, parser: HTMLParserKind = .html5) throws -> ParsedPage {
        PageParser(selections: [Selection(xpath: try XPathQuery(xpath))], parser: parser)
            .parse(Array(html.utf8), contentType: "text/html; charset=utf-8")
    }

    @Test(arguments: XPathTests.cases.indices)
    func answersAsLxmlOverHTML5Lib(_ index: Int) throws {
        let (html, xpath, expected) = Self.cases[index]
        let page = try evaluate(html, xpath)
        #expect(page.error == nil)
        #expect(page.elements.map { "<\($0.name)>" } + page.values == expected, "\(xpath) on \(html)")
    }

    @Test func elementsComeBackAsTheTreeHasThem() throws {
        let page = try evaluate("<div id=a class=b>x<i>y</i></div>", "//div")
        #expect(page.elements == [Element(name: "div", attributes: [Attribute(name: "id", value: "a"), Attribute(name: "class", value: "b")], text: "xy")])
        #expect(page.values.isEmpty)
    }

    @Test func libxml2ParserEvaluatesOverItsOwnDocument() throws {
        // libxml2's parser keeps <svg> in no namespace, and its text as it merged it.
        let html = "<p>a<svg><rect/></svg></p><p>b</p>"
        #expect(try evaluate(html, "//p[svg]/text()", parser: .libxml2).values == ["a"])
        #expect(try evaluate(html, "//rect", parser: .libxml2).elements.map(\.name) == ["rect"])
    }

    @Test func libxml2ParserKeepsTextNodesACommentSplits() throws {
        let page = try evaluate("<p>a<!-- c -->b</p>", "//p/text()", parser: .libxml2)
        #expect(page.values == ["a", "b"])
        let css = PageParser(selections: [Selection(try Selector("p::text"))], parser: .libxml2)
            .parse(Array("<p>a<!-- c -->b</p>".utf8), contentType: "text/html")
        #expect(css.values == ["a", "b"])
    }

    /// A node-set of elements and other nodes comes as values throughout, in document order.
    @Test func aMixedNodeSetIsValuesInDocumentOrder() throws {
        let page = try evaluate("<p>a<b>b</b>d</p>", "//p/node()")
        #expect(page.elements.isEmpty)
        #expect(page.values == ["a", "b", "d"])
    }

    /// `xlink:` and `xml:` are namespaces on SVG and MathML elements only, as in a browser.
    @Test func prefixedAttributeNamesAreNamespacedOnForeignElementsOnly() throws {
        let html = "<a xlink:href=h1 xml:lang=fr>1</a><svg><a xlink:href=s1>2</a></svg>"
        #expect(try evaluate(html, "//svg:a/@xlink:href").values == ["s1"])
        #expect(try evaluate(html, "count(//a/@xlink:href)").values == ["0"])
        #expect(try evaluate(html, "name(//a/@*[1])").values == ["xlink:href"])
        #expect(try evaluate(html, "count(//a[lang('fr')])").values == ["0"])
    }

    /// Copying used to take time (and arena memory) growing with the square of a tag's
    /// attributes, and of a text node's pieces (a NUL splits one): these pages took minutes and
    /// gigabytes.
    @Test(.timeLimit(.minutes(1)))
    func copyingIsLinearInAttributesAndTextPieces() throws {
        let attributes = "<p " + (0..<50_000).map { "a\($0)=x" }.joined(separator: " ") + ">t</p>"
        #expect(try evaluate(attributes, "count(//p/@*)").values == ["50000"])
        let pieces = "<svg><text>" + String(repeating: "a\u{0}", count: 20_000) + "</text></svg>"
        #expect(try evaluate(pieces, "count(//svg:text/text())").values == ["1"])
        #expect(try evaluate(pieces, "string-length(//svg:text)").values == ["40000"])
    }

    @Test func idFindsTheFirstElementWithThatID() throws {
        let page = try evaluate("<p id=x>1</p><p id=x>2</p>", "id('x')/text()")
        #expect(page.values == ["1"])
    }

    @Test func attributeValuesAreMadeAbsolute() throws {
        let parser = PageParser(selections: [Selection(xpath: try XPathQuery("//a/@href | //a/@title"))], absoluteURLs: true)
        let page = parser.parse(Array("<a href=x title=y>1</a>".utf8), contentType: "text/html", url: "http://a.test/d/p")
        #expect(page.values == ["http://a.test/d/x", "y"])
    }

    @Test func expressionsThatCannotWorkAreRefusedWithLibxml2sMessage() {
        #expect(throws: XPathError(message: "Invalid expression", position: 4)) { try XPathQuery("//a[") }
        #expect(throws: XPathError(message: "Undefined namespace prefix", position: nil)) { try XPathQuery("//x:y") }
        #expect(throws: XPathError(message: "Unregistered function", position: nil)) { try XPathQuery("bogus()") }
        let long = String(repeating: "//a|", count: 300_000) + "//a"
        #expect(throws: XPathError.self) { try XPathQuery(long) }
    }

    @Test func aFailureOnOnePageIsAQueryError() throws {
        let page = try evaluate("<a>1</a>", "//a[bogus()]")
        #expect(page.error?.kind == .query)
        #expect(page.error?.message.contains("Unregistered function") == true)
    }

    /// Steps bound the first (4 x 10^8 of them unbounded), allocated bytes the second (every element
    /// asks for the whole page's text).
    @Test(arguments: ["//*[count(//*) > 0]", "//*[string-length(concat(string(/), string(/))) > 1]"])
    func runawayExpressionsStopAtTheirLimit(_ xpath: String) throws {
        let html = String(repeating: "<div>some text</div>", count: 20_000)
        let page = try evaluate(html, xpath)
        #expect(page.error?.kind == .tooComplex)
        #expect(page.values.isEmpty && page.elements.isEmpty)
    }
}
