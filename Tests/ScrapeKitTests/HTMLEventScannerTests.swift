import LibXML
import Testing

/// libxml2 is fed the document in pieces, and bytes the delegate reads itself are left out.
@Suite struct HTMLEventScannerTests {
    /// Records the tags reported, pausing libxml2 at `skip`'s start and resuming at its end.
    final class Recorder: HTMLEventDelegate {
        let skip: Range<Int>?
        var starts: [String: Int] = [:]

        init(skip: Range<Int>? = nil) {
            self.skip = skip
        }

        func startTag(_ name: String, offset: Int) { starts[name] = offset }
        func endTag(_ name: String, offset: Int) {}

        func pause(after offset: Int) -> Int {
            guard let skip, offset < skip.lowerBound else { return .max }
            return skip.lowerBound
        }

        func resumption(at offset: Int) -> Int {
            offset == skip?.lowerBound ? skip!.upperBound : offset
        }
    }

    @Test func skippedBytesAreNotParsedAndOffsetsStayTheDocuments() throws {
        let html = Array("<p><div><b>bold</b></div><i>x</i></p>".utf8)
        let content = 8..<19 // <b>bold</b>
        #expect(String(decoding: html[content], as: UTF8.self) == "<b>bold</b>")
        let whole = Recorder()
        HTMLEventScanner().scan(html, delegate: whole)
        let skipping = Recorder(skip: content)
        HTMLEventScanner().scan(html, delegate: skipping)
        #expect(whole.starts["b"] != nil)
        #expect(skipping.starts["b"] == nil)
        #expect(skipping.starts["i"] == whole.starts["i"])
        #expect(try #require(skipping.starts["i"]) > content.upperBound)
    }
}
