import Testing
@testable import Curl

/// Content codings decoded as a body arrives, one byte at a time here, the hardest chunking.
@Suite struct ContentDecoderTests {
    private func bytes(_ hex: String) -> [UInt8] {
        stride(from: 0, to: hex.count, by: 2).map { offset in
            let start = hex.index(hex.startIndex, offsetBy: offset)
            return UInt8(hex[start..<hex.index(start, offsetBy: 2)], radix: 16)!
        }
    }

    /// Decodes `body` through the codings named by `header`, byte by byte.
    private func decode(_ body: [UInt8], header: String) -> (text: String, outcome: ContentDecoder.Outcome, complete: Bool) {
        let chain = try! ContentDecoder.codings(forHeader: header).get().reversed().map { ContentDecoder($0)! }
        var output: [UInt8] = []
        var outcome = ContentDecoder.Outcome.more
        for byte in body {
            outcome = [byte].withUnsafeBytes { chunk in
                ContentDecoder.feed(chunk, through: chain[...]) { piece in output += piece; return true }.0
            }
            if outcome == .invalid { break }
        }
        return (String(decoding: output, as: UTF8.self), outcome, chain.allSatisfy(\.isComplete))
    }

    @Test func everyGzipMemberIsDecoded() {
        let twoMembers = bytes("1f8b0800000000000203cb48cdc9c9570000f6f981ed060000001f8b08000000000002032bcf2fca4901004311773a05000000")
        let decoded = decode(twoMembers, header: "gzip")
        #expect(decoded.text == "hello world")
        #expect(decoded.complete)
    }

    @Test func stackedCodingsAreUndoneInReverse() {
        let decoded = decode(bytes("1f8b080000000000020393efe660000126666dcdf33e7eac0cda25d3385881020029f8244119000000"), header: "gzip, gzip")
        #expect(decoded.text == "twice")
        #expect(decoded.complete)
        #expect(decode(bytes("789c4b494dcb492c494d01000e79033a"), header: "deflate").text == "deflated")
    }

    @Test func aTruncatedStreamIsNotComplete() {
        let whole = bytes("789c4b494dcb492c494d01000e79033a")
        let cut = decode(Array(whole.dropLast(6)), header: "deflate")
        #expect(cut.outcome != .invalid)
        #expect(!cut.complete, "the stream's end never came: the body is truncated")
    }

    @Test func garbageIsInvalid() {
        #expect(decode(Array("this is not gzip at all".utf8), header: "gzip").outcome == .invalid)
    }

    @Test func theHeaderIsReadAsHTTPListsAre() throws {
        #expect(try ContentDecoder.codings(forHeader: "").get().isEmpty)
        #expect(try ContentDecoder.codings(forHeader: "identity").get().isEmpty)
        #expect(try ContentDecoder.codings(forHeader: "x-gzip, BR").get() == [.gzip, .br])
        #expect(throws: ContentDecoderError.self) { try ContentDecoder.codings(forHeader: "zstd").get() }
        #expect(throws: ContentDecoderError.self) { try ContentDecoder.codings(forHeader: "gzip, gzip, gzip, gzip, gzip").get() }
    }
}
