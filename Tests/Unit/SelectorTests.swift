import Testing
@testable import ScrapeKit

/// `--select` as soupsieve 4.1.3 over html5lib 1.1 (the corpus oracle) answers it: each case's
/// expectation was produced by that pair, as `name[attr=value]...:text content`.
@Suite struct SelectorTests {
    private static let cases: [(html: String, selector: String, expected: [String])] = [
        ("<ul><li id=a>1</li><li id=b>2</li><li id=c>3</li><li id=d>4</li></ul>", "li:nth-child(2n+1)", ["li[id=a]:1", "li[id=c]:3"]),
        ("<ul><li id=a>1</li><li id=b>2</li><li id=c>3</li><li id=d>4</li></ul>", "li:nth-last-child(-n+2)", ["li[id=c]:3", "li[id=d]:4"]),
        ("<ul><li id=a>1</li><li id=b class=x>2</li><li id=c>3</li><li id=d class=x>4</li></ul>", "li:nth-child(2 of .x)", ["li[id=d][class=x]:4"]),
        ("<div><p>1</p><span>s</span><p>2</p><p>3</p></div>", "p:nth-of-type(2)", ["p:2"]),
        ("<div><p>1</p><span>s</span><p>2</p><p>3</p></div>", "p:last-of-type, span:only-of-type", ["span:s", "p:3"]),
        ("<div> <!-- c --> </div><div>x</div><div><b></b></div>", "div:empty", ["div:  "]),
        ("<template><p>in</p></template><p>out</p>", "p", ["p:out"]),
        ("<template><p>in</p></template><p>out</p>", "template:empty", ["template:in"]),
        ("<div><a>x</a></div><div><b>y</b></div>", "div:has(> a)", ["div:x"]),
        ("<h1>t</h1><p>1</p><p>2</p><h2>u</h2>", "h1:has(+ p)", ["h1:t"]),
        ("<h1>t</h1><p>1</p><p>2</p><h2>u</h2>", "p:has(~ h2)", ["p:1", "p:2"]),
        ("<div id=a>x</div><pre><code>c</code></pre><div id=b>y</div>", "div:has(+ pre)", ["div[id=a]:x"]),
        ("<a rel='NoFollow Me'>1</a><a rel=follow>2</a>", "a[rel~=nofollow]", ["a[rel=NoFollow Me]:1"]),
        ("<a hreflang=en-US>1</a><a hreflang=en>2</a><a hreflang=fr>3</a>", "a[hreflang|=en]", ["a[hreflang=en-US]:1", "a[hreflang=en]:2"]),
        ("<a title='Hello World'>1</a>", "a[title*=world]", []),
        ("<a title='Hello World'>1</a>", "a[title*=world i]", ["a[title=Hello World]:1"]),
        ("<input type=HIDDEN><input type=text>", "input[type=hidden]", ["input[type=HIDDEN]:"]),
        ("<input type=HIDDEN><input type=text>", "input[type=hidden s]", []),
        ("<svg viewBox='0 0 1 1'><clipPath id=c></clipPath></svg>", "clippath, [viewbox]", ["svg[viewBox=0 0 1 1]:", "clipPath[id=c]:"]),
        ("<p class=' a  b '>1</p><p class=ab>2</p>", ".a.b, .ab", ["p[class= a  b ]:1", "p[class=ab]:2"]),
        ("<div id=x><p>1</p></div><p>2</p>", "#x > p, :not(#x) > p", ["p:1", "p:2"]),
        ("<div><p>1</p></div><section><p>2</p></section>", ":is(div, section) p:where(:first-child)", ["p:1", "p:2"]),
        ("<p>1</p><p>2</p>", ":root > body > p:first-child + p", ["p:2"]),
        ("<table><tr><td>1<td>2</tr><tr><td>3</table>", "tr:nth-child(2) > td, td:only-child", ["td:3"]),
        ("<p>a</p>", "*", ["html:a", "head:", "body:a", "p:a"]),
        ("<p data-x=''>a</p><p>b</p>", "[data-x=''], [data-x^=''], [data-x$=''], [data-x*='']", ["p[data-x=]:a"]),
        ("<p id='a b'>x</p>", "#a\\ b", ["p[id=a b]:x"]),
        ("<p class='1x'>x</p>", ".\\31 x", ["p[class=1x]:x"]),
        ("<a href=x>1</a><area href=y><a>2</a>", ":any-link", ["a[href=x]:1", "area[href=y]:"]),
        ("<ul><li>1<li>2<li>3</ul>", "li:not(:first-child):not(:last-child)", ["li:2"]),
        ("<div><div><p>deep</p></div></div>", "div div p", ["p:deep"]),
        ("<div><p><span>1</span></p></div>", "div > span, div span", ["span:1"]),
        ("<ol><li>1<li>2<li>3<li>4<li>5<li>6</ol>", "li:nth-child(-2n+5)", ["li:1", "li:3", "li:5"]),
        ("<ol><li>1<li>2<li>3<li>4<li>5<li>6</ol>", "li:nth-child(n+3):nth-child(-n+4)", ["li:3", "li:4"]),
        ("<ol><li>1<li>2<li>3<li>4<li>5<li>6</ol>", "li:nth-child( 3n - 1 )", ["li:2", "li:5"]),
        ("<ol><li>1<li>2<li>3<li>4<li>5<li>6</ol>", "li:nth-child(even)", ["li:2", "li:4", "li:6"]),
        ("<p>1</p>", "P", ["p:1"]),
        ("<p lang=EN>1</p>", "[LANG=en]", ["p[lang=EN]:1"]),
        ("<div><p>a</p></div>", "div:has(p, span)", ["div:a"]),
        ("<section><h2>x</h2></section><section></section>", "section:has(h2) ~ section, section:not(:has(*))", ["section:"]),
    ]

    private func select(_ html: String, _ css: String) throws -> [String] {
        let parser = PageParser(selections: [Selection(try Selector(css))])
        return Self.described(parser.parse(Array(html.utf8), contentType: "text/html; charset=utf-8").elements)
    }

    /// Elements as the expectations spell them: `name[attr=value]...:text content`.
    private static func described(_ elements: [Element]) -> [String] {
        elements.map { element in element.name + element.attributes.map { "[\($0.name)=\($0.value)]" }.joined() + ":" + element.text }
    }

    @Test(arguments: SelectorTests.cases.indices)
    func matchesAsSoupsieve(_ index: Int) throws {
        let (html, selector, expected) = Self.cases[index]
        #expect(try select(html, selector) == expected, "\(selector) on \(html)")
    }

    /// A page's selections are matched together in one walk. Asked all of the cases' selectors at
    /// once (some name their element and some do not; some have several alternatives that match
    /// one element), with `--tag` beside them looking inside templates, each must still find
    /// what soupsieve finds alone.
    @Test func selectorsMatchedTogetherFindWhatEachFindsAlone() throws {
        let selections = try Self.cases.map { Selection(try Selector($0.selector)) } + [Selection(Selector(tag: "p"))]
        let together = PageParser(selections: selections)
        for (index, (html, selector, expected)) in Self.cases.enumerated() {
            let results = together.parse(Array(html.utf8), contentType: "text/html; charset=utf-8").results
            #expect(Self.described(results[index].elements) == expected, "\(selector) on \(html)")
            let paragraphs = PageParser(tag: "p").parse(Array(html.utf8), contentType: "text/html; charset=utf-8").elements
            #expect(Self.described(results.last!.elements) == Self.described(paragraphs), "--tag p on \(html)")
        }
    }

    /// (Past `TreeBuilder.maximumDepth` the divs are siblings, as in Chromium: the `<p>` is then
    /// one child of many, and no `:only-child`.)
    @Test func deepDocumentsMatchWithoutRecursion() throws {
        let html = String(repeating: "<div>", count: 3_000) + "<p>x</p>"
        #expect(try select(html, "body div > div p") == ["p:x"])
        #expect(try select(html, "body div > div > p") == ["p:x"])
        #expect(try select(html, "body div > div p:only-child") == [])
    }

    @Test func pathologicalSelectorStopsAtItsBudget() throws {
        let html = String(repeating: "<div>", count: 2_000)
        let tree = SourceTokenizer<TreeBuilder>.tree(of: Array(html.utf8))
        let matcher = SelectorMatcher(tree, budget: 1_000_000)
        let matched = matcher.select(try Selector("span div div div div div div div div"))
        #expect(matched.isEmpty)
        #expect(matcher.exhausted)
    }

    /// Radio groups, form owners and forms' validity are worked out once per page: asked per
    /// element, 20,000 radios of one group would cost 400 million steps.
    @Test func formStatesAreWorkedOutOncePerPage() throws {
        let html = "<form id=f></form>" + String(repeating: "<input type=radio name=g form=f required>", count: 20_000)
        #expect(try select(html, "input:indeterminate:invalid").count == 20_000)
        #expect(try select(html, "form:invalid").count == 1)
    }

    /// States that need more than the element itself are worked out once a page, not once an
    /// element: a disabled fieldset's first legend, fieldsets' validity, `dir=auto`'s text.
    @Test(.timeLimit(.minutes(1)))
    func pageWideStatesAreLinear() throws {
        let inputs = "<fieldset disabled><legend>l</legend>" + String(repeating: "<input>", count: 30_000) + "</fieldset>"
        #expect(try select(inputs, "input:disabled").count == 30_000)
        let nested = String(repeating: "<fieldset>", count: 300) + String(repeating: "<input required>", count: 10_000)
        #expect(try select(nested, "fieldset:invalid").count == 300)
        let directions = "<div dir=auto>" + String(repeating: "<b dir=ltr>1</b>", count: 20_000) + "</div>"
        #expect(try select(directions, "div:dir(ltr)").count == 1)
    }

    @Test func manySiblingsAreIndexedOnce() throws {
        let html = "<ul>" + String(repeating: "<li>i", count: 20_000) + "</ul>"
        #expect(try select(html, "li:nth-of-type(odd):nth-last-child(2n)").count == 10_000)
    }
}
