import Testing
@testable import ScrapeKit
import WHATWGURL

/// `--absolute`: links resolved as the WHATWG URL Standard (and so a browser) resolves them.
@Suite struct LinkResolutionTests {
    private static let base = WebURL("http://example.com/a/b/c?q#f")!

    @Test(arguments: [
        ("//other.org/x", "http://other.org/x"),
        ("../d", "http://example.com/a/d"),
        ("../../../../d", "http://example.com/d"),
        ("?x=1", "http://example.com/a/b/c?x=1"),
        ("#g", "http://example.com/a/b/c?q#g"),
        ("", "http://example.com/a/b/c?q"),
        ("./", "http://example.com/a/b/"),
        (".", "http://example.com/a/b/"),
        ("..", "http://example.com/a/"),
        ("d/./e/../f", "http://example.com/a/b/d/f"),
        ("/%2e%2e/x", "http://example.com/x"),
        ("a b", "http://example.com/a/b/a%20b"),
        ("  /x y?z w#f g  ", "http://example.com/x%20y?z%20w#f%20g"),
        ("x\ty\nz", "http://example.com/a/b/xyz"),
        ("\\\\other\\x", "http://other/x"),
        ("HTTPS://EXAMPLE.org:443/p", "https://example.org/p"),
        ("http://h:8080", "http://h:8080/"),
        ("http:x", "http://example.com/a/b/x"),
        ("https:x", "https://x/"),
        ("ü?ü#ü", "http://example.com/a/b/%C3%BC?%C3%BC#%C3%BC"),
        ("100%25", "http://example.com/a/b/100%25"),
        ("mailto:a@b.org", "mailto:a@b.org"),
        ("javascript:void(0)", "javascript:void(0)"),
        ("http://", "http://"),
    ])
    func resolvesAsWHATWG(_ reference: String, _ expected: String) {
        #expect((WebURL(reference, base: Self.base)?.href ?? reference) == expected)
    }

    private func links(_ html: String, at url: String, _ css: String) throws -> [[String]] {
        let parser = PageParser(selections: [Selection(try Selector(css))], absoluteURLs: true)
        return parser.parse(Array(html.utf8), contentType: "text/html; charset=utf-8", url: url).elements.map { element in
            element.attributes.map { "\($0.name)=\($0.value)" }
        }
    }

    @Test func relativeBaseResolvesAgainstTheDocument() throws {
        let html = "<base href='/sub/'><base href='http://ignored/'><a href='img.png' title='x.png'>a</a>"
        #expect(try links(html, at: "http://example.com/a/b", "a") == [["href=http://example.com/sub/img.png", "title=x.png"]])
    }

    /// Only an HTML `<base>` with an `href` sets the base, and not one inside a template.
    @Test func theFirstHTMLBaseWithAnHrefCounts() throws {
        let html = "<template><base href='/t/'></template><svg><base href='/svg/'/></svg><base target=x><base href='/real/'><a href=p>a</a>"
        #expect(try links(html, at: "http://example.com/a/b", "a") == [["href=http://example.com/real/p"]])
    }

    @Test func everyURLAttributeIsRewrittenAndNothingElse() throws {
        let html = """
            <form action=send><button formaction=?go>b</button></form>
            <img src=i.png srcset="i1.png 1x, /i2.png 2x,i3.png" alt=i.png>
            <video poster=p.jpg src=v.mp4></video><a href=x ping="/p1 p2">a</a><div src=no>d</div>
            """
        #expect(try links(html, at: "https://s.org/d/", "form, button, img, video, a, div") == [
            ["action=https://s.org/d/send"],
            ["formaction=https://s.org/d/?go"],
            ["src=https://s.org/d/i.png", "srcset=https://s.org/d/i1.png 1x, https://s.org/i2.png 2x, https://s.org/d/i3.png", "alt=i.png"],
            ["poster=https://s.org/d/p.jpg", "src=https://s.org/d/v.mp4"],
            ["href=https://s.org/d/x", "ping=https://s.org/p1 https://s.org/d/p2"],
            ["src=no"],
        ])
    }

    /// A `data:` or `javascript:` base cannot have relative links resolved against it: a browser's
    /// `href` then gives the value as written, and only a fragment joins the base.
    @Test func anOpaqueBaseLeavesRelativeLinksAsWritten() throws {
        let html = "<base href='data:text/html,x'><a href='page.html'>a</a><a href='#top'>b</a><a href='/abs'>c</a>"
        #expect(try links(html, at: "http://example.com/a/b", "a") == [["href=page.html"], ["href=data:text/html,x#top"], ["href=/abs"]])
    }

    /// Other schemes are parsed too: their spelling is a browser's, not the page's.
    @Test func linksOfOtherSchemesAreNormalised() throws {
        let html = "<a href='  JAVASCRIPT:alert(1)'>a</a><a href='java\nscript:alert(1)'>b</a><a href='http://0x7f.1/x'>c</a>"
        #expect(try links(html, at: "http://example.com/", "a") == [
            ["href=javascript:alert(1)"], ["href=javascript:alert(1)"], ["href=http://127.0.0.1/x"],
        ])
    }
}
