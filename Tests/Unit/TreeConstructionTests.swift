import Testing
@testable import ScrapeKit

/// HTML5 tree construction where libxml2 alone builds a different tree. Each answer is what
/// html5lib 1.1 (the corpus oracle) gives for the same document: name, attributes, text content.
@Suite struct TreeConstructionTests {
    private func find(_ html: String, _ tag: String) -> [String] {
        PageParser(tag: tag).parse(Array(html.utf8), contentType: "text/html; charset=utf-8").elements.map { element in
            "\(element.name) \(element.attributes.map { "\($0.name)=\($0.value)" }) \(element.text)"
        }
    }

    @Test func impliedParagraphEnds() {
        #expect(find("<p>one<p>two<div>three</div>", "p") == ["p [] one", "p [] two"])
    }

    @Test func misnestedFormattingIsSplit() {
        #expect(find("<b>1<p>2</b>3</p>", "b") == ["b [] 1", "b [] 2"])
    }

    @Test func linkReopensInsideBlock() {
        #expect(find("<a href=x>1<div>2</a>3</div>", "a") == ["a [\"href=x\"] 1", "a [\"href=x\"] 2"])
    }

    @Test func tableContentIsFosteredBeforeTable() {
        #expect(find("<table><tr><td>c</td></tr>fostered<b>bold</b></table>", "b") == ["b [] bold"])
    }

    @Test func strayParagraphEndMakesEmptyParagraph() {
        #expect(find("<p>x</p></p>", "p") == ["p [] x", "p [] "])
    }

    @Test func titleTextIsDecodedButNotMarkup() {
        #expect(find("<title>a &amp; <b>b</b></title>", "title") == ["title [] a & <b>b</b>"])
    }

    @Test func templateContentsCountForTag() {
        #expect(find("<template><p>inside</p></template><p>outside", "p") == ["p [] inside", "p [] outside"])
    }

    @Test func svgNamesKeepTheirCase() {
        #expect(find("<svg viewbox='0 0 1 1'><clippath><rect/></clippath><foreignobject><p>html</p></foreignobject></svg>", "clipPath") == ["clipPath [] "])
    }

    @Test func svgStyleReadsCDATAAsText() {
        #expect(find("<svg><style><![CDATA[a{}]]></style></svg>", "style") == ["style [] a{}"])
    }

    @Test func listItemsCloseEachOther() {
        #expect(find("<ul><li>one<li>two</ul>", "li") == ["li [] one", "li [] two"])
    }

    @Test func optionsCloseEachOther() {
        #expect(find("<select><option>a<option>b</select>", "option") == ["option [] a", "option [] b"])
    }

    @Test func quirksModeTableStaysInParagraph() {
        #expect(find("<p><table><tr><td>x</td></tr></table>", "p") == ["p [] x"])
    }

    @Test func standardsModeTableClosesParagraph() {
        #expect(find("<!DOCTYPE html><p><table><tr><td>x</td></tr></table>", "p") == ["p [] "])
    }

    @Test func textareaDropsFirstNewlineAndDecodes() {
        #expect(find("<textarea>\n&lt;x&gt;</textarea>", "textarea") == ["textarea [] <x>"])
    }

    @Test func commentsAreNotText() {
        #expect(find("<span>a<!-- c -->b</span>", "span") == ["span [] ab"])
    }

    /// A NUL is dropped from text in HTML content, as HTML5's tree construction ignores it, but
    /// ends the head like any other character; it is U+FFFD in SVG, raw text and attributes.
    @Test func nulIsDroppedFromHTMLTextOnly() {
        #expect(find("<p>a\0b</p><select><option>c\0d</select>", "p") == ["p [] ab"])
        #expect(find("<select><option>c\0d</select><table>\0<tr><td>e</table>", "option") == ["option [] cd"])
        #expect(find("<svg><text>a\0b</text></svg>", "text") == ["text [] a\u{FFFD}b"])
        #expect(find("<math><mi>a\0b</mi></math>", "mi") == ["mi [] ab"])
        #expect(find("<title>a\0b</title><script>c\0d</script>", "title") == ["title [] a\u{FFFD}b"])
        #expect(find("<p title=\"a\0b\">t</p>", "p") == ["p [\"title=a\u{FFFD}b\"] t"])
        #expect(find("<head>\0<title>t</title>", "body") == ["body [] t"])
        #expect(find("<table>\0<tr><td>e</table>", "table") == ["table [] e"])
    }

    /// libxml2 is paused after every tag that may open text content, `<title>` in a comment or
    /// an `<svg>` too, where it is not: 50,000 pauses in one comment or one `<svg>` must not make
    /// it search the whole comment again each time (that would take minutes, not a moment).
    @Test func manyPausesInOneConstructStayLinear() {
        let titles = String(repeating: "<title>x</title>", count: 50_000)
        #expect(find("<p><!--" + titles + "-->", "title").isEmpty)
        #expect(find("<div title='" + titles + "'>d</div>", "title").isEmpty)
        #expect(find("<svg>" + titles + "</svg>", "title").count == 50_000)
        #expect(find("<p>" + titles, "title").count == 50_000)
    }
}
