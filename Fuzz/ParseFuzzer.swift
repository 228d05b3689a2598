import Glibc
import ScrapeKit

// A libFuzzer harness: the parse stage and the record encoder on arbitrary bytes (also with
// values, XPath and the state pseudo-classes, over both parsers' trees), the same bytes read as a
// robots.txt, and their start read as a selector and as an XPath expression.
//
// The first byte picks the tag and the declared charset, so one corpus reaches every decoder,
// the raw-text states and foreign content; the remaining bytes are the body. Besides not
// crashing (libFuzzer and AddressSanitizer watch that), the encoded record must be one line.

private let parsers = ["script", "style", "title", "textarea", "a", "svg", "math", "p"].map { PageParser(tag: $0) }

/// Values, XPath (over the copy of the HTML5 tree, and over libxml2's own document) and the
/// pseudo-classes that look at the whole page.
private let queries: [PageParser] = [HTMLParserKind.html5, .libxml2].map { kind in
    PageParser(selections: [
        Selection(name: "xpath", xpath: try! XPathQuery("//*[@id]/@id | //p/node() | //svg:*")),
        Selection(name: "count", xpath: try! XPathQuery("count(//text()) + string-length(string(/))")),
        Selection(name: "text", try! Selector("p ::text, a::attr(href)")),
        Selection(name: "states", try! Selector(":checked, :invalid, :indeterminate, :dir(rtl), :lang(en), :read-write, option:default")),
    ], parser: kind)
}

private let robotsPaths = ["/", "/a/b.html?x=1", "/private/", "/data.json", "/%E4%B8%AD", "/" + String(repeating: "a*", count: 40)]

private let contentTypes: [String?] = [
    nil, "text/html", "text/html; charset=utf-8", "text/html; charset=windows-1252", "text/html; charset=shift_jis",
    "text/html; charset=gb2312", "text/html; charset=big5", "text/html; charset=euc-kr", "text/html; charset=euc-jp",
    "text/html; charset=iso-2022-jp", "text/html; charset=utf-16le", "text/html; charset=utf-16be",
    "text/html; charset=koi8-r", "text/html; charset=x-user-defined", "text/html; charset=replacement",
    "text/html; charset=\"nonsense\"",
]

/// libFuzzer's driver, called from our own `main` because SwiftPM gives every executable target
/// a `main` (libFuzzer's would otherwise be the entry point).
@_silgen_name("LLVMFuzzerRunDriver")
private func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ test: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

@main
enum ParseFuzzer {
    static func main() {
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(runFuzzerDriver(&argc, &argv) { data, size in testOneInput(data, size) })
    }
}

private func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    guard size > 0 else { return 0 }
    let selector = Int(data[0])
    let body = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let parser = parsers[selector % parsers.count]
    let contentType = contentTypes[(selector / parsers.count) % contentTypes.count]
    let page = parser.parse(body, contentType: contentType)

    var record = Record(index: 0, url: "http://fuzz.test/", status: 200, contentType: contentType, tag: "fuzz")
    record.elements = page.elements
    record.charset = page.charset
    let line = JSONLineEncoder.encode(record)
    precondition(line.last == 0x0A && line.filter { $0 == 0x0A }.count == 1, "a record must be exactly one line")

    let extracted = queries[selector % queries.count].parse(body, contentType: contentType)
    record.selections = extracted.results
    precondition(JSONLineEncoder.encode(record).filter { $0 == 0x0A }.count == 1, "a record must be exactly one line")

    let text = String(decoding: body.prefix(256), as: UTF8.self)
    _ = try? Selector(text)
    _ = try? XPathQuery(text)

    let robots = RobotsRules(parsing: body, for: "scrape")
    for path in robotsPaths { _ = robots.allows(path) }
    return 0
}
