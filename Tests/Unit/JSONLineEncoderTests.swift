import Foundation
import Testing
@testable import ScrapeKit

@Suite struct JSONLineEncoderTests {
    @Test func fieldsAppearInContractOrderAndParseBack() throws {
        var record = Record(index: 3, url: "http://a.test/", finalURL: "http://a.test/x", status: 200,
                            contentType: "text/html", charset: "utf-8", bytes: 10, fetchMilliseconds: 1.23456,
                            parseMilliseconds: 0.5, tag: "script",
                            elements: [Element(name: "script", attributes: [Attribute(name: "src", value: "/a.js"), Attribute(name: "async", value: "")], text: "")])
        record.httpVersion = "2"
        let line = String(decoding: JSONLineEncoder.encode(record), as: UTF8.self)
        #expect(line.hasSuffix("}\n"))
        #expect(line.filter { $0 == "\n" }.count == 1)
        let keys = ["index", "url", "final_url", "status", "http_version", "ok", "content_type", "charset", "bytes", "fetch_ms",
                    "parse_ms", "tag", "count", "elements", "values", "error"]
        let positions = keys.map { line.range(of: "\"\($0)\":")!.lowerBound }
        #expect(positions == positions.sorted())
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
        #expect(object["fetch_ms"] as? Double == 1.235)
        #expect(object["count"] as? Int == 1)
        #expect(object["values"] as? [String] == [], "values is always there, empty when the query gives elements")
        #expect(object["error"] is NSNull)
        #expect(object["http_version"] as? String == "2")
        #expect(object["insecure"] == nil, "only records fetched with --insecure say so")
        record.insecure = true
        let marked = try JSONSerialization.jsonObject(with: Data(JSONLineEncoder.encode(record))) as! [String: Any]
        #expect(marked["insecure"] as? Bool == true)
    }

    @Test func valuesAreCountedAndListedInPlaceOfElements() throws {
        var record = Record(index: 0, url: "http://a.test/", tag: "script::attr(src)")
        record.values = ["/a.js", "b\"c.js"]
        var object = try JSONSerialization.jsonObject(with: Data(JSONLineEncoder.encode(record))) as! [String: Any]
        #expect(object["count"] as? Int == 2)
        #expect(object["elements"] as? [Any] != nil && (object["elements"] as! [Any]).isEmpty)
        #expect(object["values"] as? [String] == ["/a.js", "b\"c.js"])
        record.values = []
        record.selections = [SelectionResult(name: "h", selector: "h1::text", values: ["x", " "])]
        object = try JSONSerialization.jsonObject(with: Data(JSONLineEncoder.encode(record))) as! [String: Any]
        let selection = (object["selections"] as! [String: Any])["h"] as! [String: Any]
        #expect(selection["count"] as? Int == 2)
        #expect(selection["values"] as? [String] == ["x", " "])
        #expect((selection["elements"] as? [Any])?.isEmpty == true)
    }

    @Test func stringsAreEscapedAndUnicodeKept() throws {
        let text = "quote \" backslash \\ newline \n tab \t nul \u{0} bell \u{7} 東京 \u{2028} 🚀"
        let record = Record(index: 0, url: "u", tag: "script", elements: [Element(name: "script", attributes: [Attribute(name: "a\"b", value: "<>&")], text: text)])
        let line = JSONLineEncoder.encode(record)
        #expect(!line.dropLast().contains(0x0A))
        let object = try JSONSerialization.jsonObject(with: Data(line)) as! [String: Any]
        let element = (object["elements"] as! [[String: Any]])[0]
        #expect(element["text"] as? String == text)
        #expect((element["attrs"] as! [String: String]) == ["a\"b": "<>&"])
    }

    /// Strings are scanned a word at a time: an escape must be found at every offset in and
    /// across words, and clean bytes next to it (0x1F/0x20, `!`/`#` beside `"`, `[`/`]` beside
    /// `\\`, DEL and UTF-8) must come through as they are.
    @Test func escapesAreFoundAtEveryOffset() throws {
        for special in ["\"", "\\", "\n", "\r", "\t", "\u{1F}", "\u{0}"] {
            for length in [1, 7, 8, 9, 16, 17, 23] {
                for offset in 0..<length {
                    var characters = Array(repeating: "a", count: length)
                    characters[offset] = special
                    if offset + 1 < length { characters[offset + 1] = ["!", "#", " ", "]", "\u{7F}", "é"][offset % 6] }
                    let text = characters.joined()
                    let record = Record(index: 0, url: text, tag: "script")
                    let object = try JSONSerialization.jsonObject(with: Data(JSONLineEncoder.encode(record))) as! [String: Any]
                    #expect(object["url"] as? String == text, "\(special.debugDescription) at \(offset) of \(length)")
                }
            }
        }
        for dense in ["\"\\\n\u{1}\"a\"\"\t\r\"", String(repeating: "\"", count: 17), String(repeating: "\u{2}é", count: 9)] {
            let object = try JSONSerialization.jsonObject(with: Data(JSONLineEncoder.encode(Record(index: 0, url: dense, tag: "")))) as! [String: Any]
            #expect(object["url"] as? String == dense)
        }
    }

    @Test func failuresCarryKindAndMessage() throws {
        let record = Record(index: 0, url: "ftp://x/", tag: "script", error: ScrapeError(.unsupportedScheme, "no"))
        let object = try JSONSerialization.jsonObject(with: Data(JSONLineEncoder.encode(record))) as! [String: Any]
        #expect(object["ok"] as? Bool == false)
        #expect(object["status"] is NSNull)
        #expect((object["error"] as! [String: String]) == ["kind": "unsupported_scheme", "message": "no"])
    }

    /// The fast encoder is the `Codable` shape written faster: for records of every form, its
    /// line and `JSONEncoder`'s output are the same JSON value, and the line decodes to a record
    /// that encodes to that value again. JSON objects have no order, so `attrs` and `selections`
    /// are compared as objects here; the line's own order is the test above's.
    @Test func linesAreTheCodableShape() throws {
        func json(_ bytes: some Sequence<UInt8>) throws -> NSDictionary {
            try JSONSerialization.jsonObject(with: Data(bytes)) as! NSDictionary
        }
        let script = Element(name: "script", attributes: [Attribute(name: "src", value: "/a.js"), Attribute(name: "async", value: "")], text: "")
        let svg = Element(name: "svg", attributes: [Attribute(name: "viewBox", value: "0 0 1 1")], text: "t\"e\u{0}x\nt 東京 🚀")
        var full = Record(index: 7, url: "http://a.test/", finalURL: "http://a.test/x", status: 200, contentType: "text/html; charset=utf-8",
                          charset: "utf-8", bytes: 1234, fetchMilliseconds: 1.23456, parseMilliseconds: 0.0004, tag: "script", elements: [script, svg])
        full.httpVersion = "1.1"
        var values = Record(index: 0, url: "http://a.test/", tag: "script::attr(src)")
        values.values = ["/a.js", ""]
        var named = full
        named.elements = []
        named.selections = [SelectionResult(name: "scripts", selector: "script", elements: [script]),
                            SelectionResult(name: "titles", selector: "title::text", values: ["T"]),
                            SelectionResult(name: "none", selector: "nav")]
        var crawled = full
        (crawled.depth, crawled.parent, crawled.insecure) = (2, "http://a.test/up", true)
        var seed = Record(index: 1, url: "https://b.test/", tag: "a", error: ScrapeError(.outOfScope, "left the scope"))
        (seed.depth, seed.fetchMilliseconds) = (0, .infinity)
        let failed = Record(index: 2, url: "ftp://x/", tag: "script", error: ScrapeError(.unsupportedScheme, "no"))
        for record in [full, values, named, crawled, seed, failed] {
            let line = try json(JSONLineEncoder.encode(record))
            #expect(line == (try json(JSONEncoder().encode(record))), "\(record.url) \(record.tag)")
            let decoded = try JSONDecoder().decode(Record.self, from: Data(JSONLineEncoder.encode(record)))
            #expect((try json(JSONEncoder().encode(decoded))) == line)
            #expect(decoded.selections.map(\.name).sorted() == record.selections.map(\.name).sorted())
        }
    }

    /// Records are values a library user can store and compare: Codable and Hashable.
    @Test func recordsRoundTripThroughCodableAndHash() throws {
        var record = Record(index: 1, url: "https://a.test/", finalURL: "https://a.test/x", status: 200, tag: "",
                            error: ScrapeError(.tooComplex, "budget"))
        record.httpVersion = "2"
        record.selections = [SelectionResult(name: "links", selector: "a[href]", elements: [
            Element(name: "a", attributes: [Attribute(name: "href", value: "/x")], text: "x"),
        ])]
        let decoded = try JSONDecoder().decode(Record.self, from: JSONEncoder().encode(record))
        #expect(decoded == record)
        #expect(Set([record, decoded]).count == 1)
    }
}
