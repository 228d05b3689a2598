import Foundation
import Testing
@testable import ScrapeKit

/// Selectors as headless Chromium answers them: `Tests/Fixtures/chromium/selector-cases.json`
/// holds markup and selectors for every pseudo-class and syntax form a browser accepts, and
/// `selector-answers.json` what `querySelectorAll` gave for each (`scripts/chromium-select
/// selector-cases.json > selector-answers.json` asks again). Each answer is matched exactly,
/// except where scrape follows the spec or soupsieve on purpose (`deliberateDifferences`).
@Suite struct ChromiumSelectorTests {
    private struct Case: Decodable {
        var html: String
        var selector: String
    }

    private struct Answer: Decodable {
        var valid: Bool
        var matches: [String]?
    }

    private static let cases: [(Case, Answer)] = {
        let decoder = JSONDecoder()
        let cases = try! decoder.decode([Case].self, from: Data(contentsOf: Fixtures.url("chromium/selector-cases.json")))
        let answers = try! decoder.decode([Answer].self, from: Data(contentsOf: Fixtures.url("chromium/selector-answers.json")))
        return Array(zip(cases, answers))
    }()

    /// Where scrape answers otherwise, and why: scrape's answer (nil: refused) by selector.
    static let deliberateDifferences: [String: [String]?] = [
        // The spec's :lang(): strings, lists and RFC 4647 wildcards, which Chromium refuses.
        "p:lang(\"en-US\")": ["p[id=a][lang=en-US]:a", "p[id=c][lang=en-us-x-foo]:c", "p[id=d][lang=EN-us]:d", "p[id=e][lang=en-Latn-US]:e"],
        "p:lang(de, fr)": ["p[lang=de][id=a]:a", "p[lang=fr-CA][id=b]:b", "p[id=d]:d"],
        "p:lang(\\*-CH)": ["p[lang=de-CH][id=a]:a", "p[lang=fr-CH][id=b]:b", "p[lang=de-Latn-CH][id=d]:d"],
        "p:lang(\"\")": [],
        // The Content-Language pragma is the first word of the last such <meta> (the standard's
        // rule); Chromium takes "de en" whole, which no range matches.
        "p:lang(de)": ["p[id=a]:x"],
        // The static states, accepted and matching nothing, which this Chromium refuses.
        ":target-within": [], ":playing": [], ":paused": [],
        // An open bracket that the end of the selector closes is refused.
        ":is(a[, p)": nil, "span[class=foo\\": nil,
    ]

    /// Selectors Level 4 and soupsieve (the corpus oracle): white space alone leaves an element
    /// `:empty`, where Chromium wants nothing at all.
    private static func emptyAsTheSpecHasIt(_ html: String) -> [String] {
        html == "<p> </p>" ? ["p: "] : ["p[id=a]:", "p[id=b]: ", "p[id=c]:", "p[id=d]:\n", "p[id=f]: "]
    }

    private func answer(_ html: String, _ css: String) -> [String]? {
        guard let selector = try? Selector(css) else { return nil }
        return PageParser(selections: [Selection(selector)]).parse(Array(html.utf8), contentType: "text/html; charset=utf-8")
            .elements.map { element in
                element.name + element.attributes.map { "[\($0.name)=\($0.value)]" }.joined() + ":" + element.text
            }
    }

    @Test(arguments: ChromiumSelectorTests.cases.indices)
    func answersAsChromium(_ index: Int) {
        let (test, chromium) = Self.cases[index]
        let expected = test.selector == "p:empty" ? Self.emptyAsTheSpecHasIt(test.html)
            : Self.deliberateDifferences[test.selector] ?? (chromium.valid ? chromium.matches : nil)
        #expect(answer(test.html, test.selector) == expected, "\(test.selector) on \(test.html)")
    }
}
