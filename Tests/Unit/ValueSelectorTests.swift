import Testing
@testable import ScrapeKit

/// parsel's `::text` and `::attr(NAME)`: each case's answer is what parsel 1.10 gives for the
/// same markup and selector (`Selector(text=html).css(css).getall()`), except `::attr(HREF)`:
/// attribute names match without case on HTML elements, as in attribute selectors, where
/// parsel's XPath finds nothing.
@Suite struct ValueSelectorTests {
    private static let cases: [(html: String, selector: String, expected: [String])] = [
        ("<script src=/a.js></script><script>x</script><script SRC=b.js></script>", "script::attr(src)", ["/a.js", "b.js"]),
        ("<a HREF=x>1</a>", "a::attr(HREF)", ["x"]),
        ("<h1>Hello <b>big</b> world</h1>", "h1::text", ["Hello ", " world"]),
        ("<div><h1>Hello <b>big <i>it</i></b> world</h1></div>", "h1 ::text", ["Hello ", "big ", "it", " world"]),
        ("<div><h1>Hello <b>big <i>it</i></b> world</h1></div>", "h1 > ::text", ["big "]),
        ("<div><h1>Hello <b>big <i>it</i></b> world</h1></div>", "h1 :not(i)::text", ["big "]),
        ("<div><h1>Hello <b>big <i>it</i></b> world</h1></div>", "::text", ["Hello ", "big ", "it", " world"]),
        ("<h1>a</h1><p>one</p><p>two<span>in</span>after</p>", "p::text, h1::text", ["a", "one", "two", "after"]),
        ("<ul> <li>a</li> <li>b</li></ul>", "ul::text", [" ", " "]),
        ("<a href=x title=t>1</a>", "a::attr(title), a::attr(href)", ["x", "t"]),
        ("<a href=x>1</a><a>2</a><a href=''>3</a>", "a::attr(href)", ["x", ""]),
        ("<p>a &amp; b</p>", "p::text", ["a & b"]),
        ("<div><p>1</p>2<p>3</p></div>", "div > p::text, div::text", ["1", "2", "3"]),
        ("<p>no</p>", "p::attr(id)", []),
        ("<p>More from <!-- -->Murrieta</p>", "p::text", ["More from ", "Murrieta"]),
        ("<button>a<!----> <!---->b</button>", "button::text", ["a", " ", "b"]),
    ]

    private func values(_ html: String, _ css: String) throws -> [String] {
        let parser = PageParser(selections: [Selection(try Selector(css))])
        let page = parser.parse(Array(html.utf8), contentType: "text/html; charset=utf-8")
        #expect(page.elements.isEmpty)
        return page.values
    }

    @Test(arguments: ValueSelectorTests.cases.indices)
    func valuesAsParselGivesThem(_ index: Int) throws {
        let (html, selector, expected) = Self.cases[index]
        #expect(try values(html, selector) == expected, "\(selector) on \(html)")
    }

    /// Template contents are outside the document, for values as for elements (parsel's lxml
    /// tree has no template contents, so this one is the DOM's answer).
    @Test func templateContentsGiveNoValues() throws {
        #expect(try values("<template><p>in</p></template><p>out</p>", "p::text") == ["out"])
    }

    @Test func absoluteURLsApplyToAttributeValues() throws {
        let parser = PageParser(selections: [Selection(try Selector("a::attr(href), img::attr(srcset), a::attr(title)"))], absoluteURLs: true)
        let page = parser.parse(Array("<base href=/d/><a href=x title=y>1</a><img srcset='i.png 2x'>".utf8),
                                contentType: "text/html", url: "http://a.test/p")
        #expect(page.values == ["http://a.test/d/x", "y", "http://a.test/d/i.png 2x"])
    }

    @Test func valuesCountTowardTheTextLimit() throws {
        let parser = PageParser(selections: [Selection(try Selector("p::text"))], textLimit: 10)
        let page = parser.parse(Array("<p>0123456789</p><p>x</p>".utf8), contentType: "text/html")
        #expect(page.error?.kind == .tooLarge)
        #expect(page.values.isEmpty)
    }

    @Test func selectorsSayWhetherTheyGiveValues() throws {
        #expect(try Selector("a::attr(href), b::text").givesValues)
        #expect(try !Selector("a[href]").givesValues)
        #expect(!Selector(tag: "script").givesValues)
    }
}
