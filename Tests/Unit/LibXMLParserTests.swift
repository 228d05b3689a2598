import Testing
@testable import ScrapeKit

/// `--parser libxml2`: libxml2's own HTML tree, walked into the same `DocumentTree`, so records,
/// selectors and `--absolute` work over it as over the HTML5 tree. The answers are libxml2's (and
/// so lxml's): they differ from HTML5's where the two parsers' rules differ.
@Suite struct LibXMLParserTests {
    private func elements(_ html: String, _ css: String, parser: HTMLParserKind = .libxml2, absolute: Bool = false) throws -> [String] {
        let page = PageParser(selections: [Selection(try Selector(css))], absoluteURLs: absolute, parser: parser)
            .parse(Array(html.utf8), contentType: "text/html; charset=utf-8", url: "http://example.test/a/b.html")
        return page.elements.map { element in
            element.name + element.attributes.map { "[\($0.name)=\($0.value)]" }.joined() + ":" + element.text
        }
    }

    @Test func theTreeIsLibxml2s() throws {
        let html = "<svg viewBox='0 0 1 1'><clipPath/></svg><template><p>t</p></template><p>a<p>b"
        #expect(try elements(html, "*") == ["html:tab", "body:tab", "svg[viewbox=0 0 1 1]:", "clippath:", "template:t",
                                            "p:t", "p:a", "p:b"])
        #expect(try elements(html, "*", parser: .html5).map { $0.prefix { $0 != "[" && $0 != ":" } }
                == ["html", "head", "body", "svg", "clipPath", "template", "p", "p"])
    }

    @Test func attributesAndTextAreDecoded() throws {
        #expect(try elements("<a href='x?a=1&amp;b=2' title=\"&lt;t&gt;\">A &amp; B</a>", "a")
                == ["a[href=x?a=1&b=2][title=<t>]:A & B"])
    }

    @Test func absoluteURLsResolveOverIt() throws {
        #expect(try elements("<base href='/c/'><a href='d.html'>x</a>", "a", absolute: true)
                == ["a[href=http://example.test/c/d.html]:x"])
    }

    @Test func scriptsAreTheSameOnAPlainPage() throws {
        let html = "<!doctype html><html><head><script src=a.js></script></head><body><script>var x = '<b>';</script></body></html>"
        #expect(try elements(html, "script") == elements(html, "script", parser: .html5))
    }

    @Test func aDeepPageIsWalkedWithoutRecursion() throws {
        #expect(try elements(String(repeating: "<div>", count: 100_000), "body").count == 1)
    }
}
