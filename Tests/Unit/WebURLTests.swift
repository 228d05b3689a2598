import Foundation
import Testing
@testable import WHATWGURL

/// The one URL type against the data browsers are tested with: the web-platform-tests URL cases
/// (`Tests/Fixtures/url-tests`, copied from `../shared/url-tests`).
@Suite struct WebURLTests {
    private static func fixture(_ name: String) throws -> [Any] {
        let url = Fixtures.url("url-tests/\(name)")
        return try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [Any]
    }

    /// What a browser's URL object says of a parsed URL, in the fields the test data lists.
    private static func fields(_ url: WebURL) -> [String: String] {
        [
            "href": url.href,
            "protocol": url.scheme + ":",
            "username": url.username,
            "password": url.password,
            "host": url.hostname + (url.port.map { ":\($0)" } ?? ""),
            "hostname": url.hostname,
            "port": url.port.map(String.init) ?? "",
            "pathname": url.pathname,
            "search": url.query.map { $0.isEmpty ? "" : "?" + $0 } ?? "",
            "hash": url.fragment.map { $0.isEmpty ? "" : "#" + $0 } ?? "",
        ]
    }

    /// Inputs whose answer depends on UTS #46 data newer than Debian 12's ICU 72 (Unicode 15.0):
    /// Unicode 15.1 and 16 assigned the code points these `xn--` labels decode to, mapped `ẞ` to
    /// `ß` rather than `ss`, and made an empty or undecodable `xn--` label pass. Listed so that a
    /// newer ICU, or any other change, shows up here.
    private static let olderUnicode: Set<String> = [
        "http://a.b.c.xn--pokxncvks", "http://10.0.0.xn--pokxncvks", "http://a.b.c.XN--pokxncvks",
        "http://a.b.c.Xn--pokxncvks", "http://10.0.0.XN--pokxncvks", "http://10.0.0.xN--pokxncvks",
        "file://xn--/p", "https://xn--/",
        "xn--a", "xn--a.xn--zca", "xn--ls8h=", "xn--1ug.example", "xn--a-yoc", "xn--zn7c.com",
        "look\u{180E}out.net", "look\u{206B}out.net", "\u{04C0}.com", "\u{2F868}.com", "\u{2183}.com",
        "\u{1E9E}.com", "\u{1E9E}.foo.com", "xn--0.com",
    ]

    @Test func passesTheWebPlatformURLTests() throws {
        var failures: [String] = []
        var cases = 0
        for case let test as [String: Any] in try Self.fixture("urltestdata.json") {
            cases += 1
            let input = test["input"] as! String
            let base = (test["base"] as? String).map { WebURL($0) }
            let parsed = base == .some(nil) ? nil : WebURL(input, base: base ?? nil)
            if Self.olderUnicode.contains(input) { continue }
            let label = "\(input.debugDescription) against \((test["base"] as? String)?.debugDescription ?? "nothing")"
            if test["failure"] as? Bool == true {
                if let parsed { failures.append("\(label): expected failure, got \(parsed.href)") }
                continue
            }
            guard let parsed else {
                failures.append("\(label): failed, expected \(test["href"] as! String)")
                continue
            }
            for (field, value) in Self.fields(parsed) where test[field] as? String != value {
                failures.append("\(label): \(field) is \(value.debugDescription), expected \((test[field] as? String)?.debugDescription ?? "nil")")
            }
        }
        #expect(cases > 800)
        #expect(failures.isEmpty, "\(failures.count) of \(cases) cases:\n\(failures.joined(separator: "\n"))")
    }

    @Test func passesTheWebPlatformHostToASCIITests() throws {
        var failures: [String] = []
        for case let test as [String: Any] in try Self.fixture("toascii.json") {
            let input = test["input"] as! String
            let expected = test["output"] as? String
            if Self.olderUnicode.contains(input) { continue }
            let host = WebURL("https://\(input)/x")?.hostname
            if host != expected { failures.append("\(input.debugDescription): \(host ?? "failure"), expected \(expected ?? "failure")") }
        }
        #expect(failures.isEmpty, "\(failures.count) cases:\n\(failures.joined(separator: "\n"))")
    }

    /// What the state machine alone gives.
    private static func parsed(_ input: String, base: WebURL?) -> WebURL? {
        var parser = URLParser(input: input, base: base)
        return parser.parse()
    }

    /// `CanonicalURL` reads the common forms without the state machine: wherever it gives an
    /// answer, the parser must give the same. Checked over the test data, and over canonical URLs
    /// with each byte replaced, and a byte added before each, by each of the bytes that matter
    /// to a URL, against each of a few bases.
    @Test func theShortcutAgreesWithTheParser() throws {
        var pairs: [(input: String, base: WebURL?)] = []
        for case let test as [String: Any] in try Self.fixture("urltestdata.json") {
            let base = (test["base"] as? String).flatMap { Self.parsed($0, base: nil) }
            pairs.append((test["input"] as! String, base))
        }
        let bases = ["http://example.com/a/b?q#f", "https://u:p@127.0.0.1:8443/x/", "ftp://f.test/", "data:text/plain,x"].map { WebURL($0) }
        let seeds = ["http://example.com/a/b.html?x=1&y#top", "https://10.0.0.255:8080/p/q/", "http://a-b.c0.test", "/d/e/f?g#h", "/"]
        let edits = Array("Aa.%2eE/?#:@ \t\\'0x9[]-_|^{}\"<>é\u{0}".unicodeScalars)
        for seed in seeds {
            let scalars = Array(seed.unicodeScalars)
            for position in 0...scalars.count {
                for edit in edits {
                    var inserted = scalars
                    inserted.insert(edit, at: position)
                    var variants = [inserted]
                    if position < scalars.count {
                        var replaced = scalars
                        replaced[position] = edit
                        variants.append(replaced)
                    }
                    for variant in variants {
                        for base in bases { pairs.append((String(String.UnicodeScalarView(variant)), base)) }
                    }
                }
            }
        }
        var shortcuts = 0
        for (input, base) in pairs {
            guard let quick = CanonicalURL.parse(input, base: base) else { continue }
            shortcuts += 1
            let parsed = Self.parsed(input, base: base)
            #expect(quick == parsed, "\(input.debugDescription) against \(base?.href ?? "nothing")")
        }
        #expect(shortcuts > 2_000)
    }

    /// Hosts as a browser connects to them, however they were spelt.
    @Test(arguments: [
        ("http://0x7f.1/", "http://127.0.0.1/"),
        ("http://ex%41mple.com/", "http://example.com/"),
        ("http://💩.la/", "http://xn--ls8h.la/"),
        ("http://[::ffff:1.2.3.4]:0080/", "http://[::ffff:102:304]/"),
        ("  JAVASCRIPT:alert(1)", "javascript:alert(1)"),
        ("java\nscript:alert(1)", "javascript:alert(1)"),
    ])
    func parsesAsABrowserDoes(_ input: String, _ expected: String) {
        #expect(WebURL(input)?.href == expected)
    }
}
