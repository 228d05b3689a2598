import Testing
@testable import ScrapeKit

/// Extraction on small documents written here, each case a way libxml2 2.9.14 alone differs
/// from an HTML5 parser (the answers are what html5lib and browsers give).
@Suite struct ExtractorTests {
    private func scripts(_ html: String, tag: String = "script") -> [Element] {
        PageParser(tag: tag).parse(Array(html.utf8), contentType: "text/html; charset=utf-8").elements
    }

    private func attributes(_ element: Element) -> [String] {
        element.attributes.map { "\($0.name)=\($0.value)" }
    }

    @Test func attributesKeepSourceOrderAndBooleansAreEmpty() {
        let found = scripts(#"<script src="/a.js" async data-x='1' defer nomodule></script>"#)
        #expect(found.count == 1)
        #expect(attributes(found[0]) == ["src=/a.js", "async=", "data-x=1", "defer=", "nomodule="])
        #expect(found[0].text == "")
    }

    @Test func booleanAttributesAreNotGivenTheirOwnName() {
        #expect(attributes(scripts("<script defer src=x.js></script>")[0]) == ["defer=", "src=x.js"])
    }

    @Test func attributeNamesLibxml2RejectsAreKept() {
        let found = scripts(#"<script @load="go()" :key="k" [prop]=1 #ref x-on:click="y"></script>"#)
        #expect(attributes(found[0]) == ["@load=go()", ":key=k", "[prop]=1", "#ref=", "x-on:click=y"])
    }

    @Test func duplicateAttributesFirstWins() {
        #expect(attributes(scripts("<script src=a.js SRC=b.js type=module></script>")[0]) == ["src=a.js", "type=module"])
    }

    @Test func attributeValuesDecodeReferencesButNotURLQueries() {
        let found = scripts(#"<script src="/x?a=1&amp;b=2&copy=3" title="&lt;&#65;&#x42;&eacute;&#150;"></script>"#)
        #expect(attributes(found[0]) == ["src=/x?a=1&b=2&copy=3", "title=<ABé\u{2013}"])
    }

    @Test func scriptTextIsRawAndWhole() {
        let body = "if (a < b && c > d) { s = '</div>'; t = \"&amp;\"; }"
        #expect(scripts("<p><script>\(body)</script>").map(\.text) == [body])
    }

    @Test func crLfAndLoneCrBecomeLf() {
        #expect(scripts("<script>a\r\nb\rc</script>").map(\.text) == ["a\nb\nc"])
    }

    @Test func controlCharactersAreKeptAndNULBecomesReplacement() {
        #expect(scripts("<script>a\u{01}b\u{0B}c\u{0}d\u{1F}</script><script>after</script>").map(\.text)
            == ["a\u{01}b\u{0B}c\u{FFFD}d\u{1F}", "after"])
    }

    @Test func endTagInsideStringsEndsTheScriptAsInABrowser() {
        let found = scripts(#"<script>var s = "</script><script>x()</script>";</script>"#)
        #expect(found.map(\.text) == [#"var s = ""#, "x()"])
    }

    @Test func escapedDocumentWriteDoesNotEndTheScript() {
        let body = "<!--\ndocument.write('<script src=\"a.js\"></script>');\n//-->"
        #expect(scripts("<script>\(body)</script><script>b()</script>").map(\.text) == [body, "b()"])
    }

    @Test func upperAndMixedCaseTags() {
        let found = scripts("<SCRIPT SRC=a.js></SCRIPT><ScRiPt>x</sCrIpT>")
        #expect(found.map(attributes) == [["src=a.js"], []])
        #expect(found.map(\.text) == ["", "x"])
    }

    @Test func scriptsInOddPlaces() {
        let html = """
            <table><tr><script>t()</script><td>1</td></tr></table>
            <noscript><script>n()</script></noscript>
            <template><script>tp()</script></template>
            </body></html><script>after()</script>
            """
        #expect(scripts(html).map(\.text) == ["t()", "n()", "tp()", "after()"])
    }

    @Test func scriptsInRawTextElementsAreNotElements() {
        let html = "<title><script>no()</script></title><textarea><script>no()</script></textarea><script>yes()</script>"
        #expect(scripts(html).map(\.text) == ["yes()"])
    }

    @Test func scriptsInCommentsAreNotElements() {
        #expect(scripts("<!-- <script>no()</script> --><script>yes()</script>").map(\.text) == ["yes()"])
    }

    @Test func unclosedScriptRunsToTheEnd() {
        #expect(scripts("<p>x</p><script>var unfinished = 1;\n<p>not markup").map(\.text)
            == ["var unfinished = 1;\n<p>not markup"])
    }

    @Test func selfClosingScriptStillHasContentUntilItsEndTag() {
        #expect(scripts("<script src=a.js /><p>swallowed</p></script><script>b()</script>").map(\.text)
            == ["<p>swallowed</p>", "b()"])
    }

    @Test func svgScriptTextIsParsedAsForeignContent() {
        let html = "<svg><script type=\"text/ecmascript\"><![CDATA[ if (a < b) go(); ]]>&amp;</script></svg><script>html()</script>"
        let found = scripts(html)
        #expect(found.map(\.text) == [" if (a < b) go(); &", "html()"])
        #expect(attributes(found[0]) == ["type=text/ecmascript"])
    }

    @Test func otherTagsGetDecodedTextContentIncludingNestedElements() {
        let found = scripts("<ul><li class=a>one &amp; <b>two</b></li><li>three</ul>", tag: "LI")
        #expect(found.map(\.text) == ["one & two", "three"])
        #expect(attributes(found[0]) == ["class=a"])
    }

    @Test func nonASCIITextSurvives() {
        #expect(scripts("<script>var s = \"東京 — café 🚀\";</script>").map(\.text) == ["var s = \"東京 — café 🚀\";"])
    }

    @Test func elementTextIsBoundedPerPage() {
        let html = String(repeating: "<div>", count: 300) + String(repeating: "x", count: 1 << 16)
        let parser = PageParser(selections: [Selection(Selector(tag: "div"))], textLimit: 1 << 20)
        let page = parser.parse(Array(html.utf8), contentType: "text/html")
        #expect(page.error == ScrapeError(.tooLarge, "the matching elements hold more than 1 MiB of text"))
        #expect(page.results.isEmpty)
    }
}
