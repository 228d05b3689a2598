import Testing
@testable import ScrapeKit
import ScrapeSystem
import Iconv

@Suite struct CharsetTests {
    private func sniff(_ bytes: [UInt8], http: String? = nil) -> String {
        CharsetSniffer.sniff(bytes, httpCharset: http).charset.name
    }

    private func decode(_ bytes: [UInt8], http: String? = nil) -> String {
        String(decoding: TextDecoder.decode(bytes, as: CharsetSniffer.sniff(bytes, httpCharset: http)), as: UTF8.self)
    }

    @Test(arguments: [
        ("gb2312", "gbk"), ("GB_2312-80", "gbk"), ("iso-8859-1", "windows-1252"), ("US-ASCII", "windows-1252"),
        ("latin1", "windows-1252"), ("shift_jis", "shift_jis"), ("sjis", "shift_jis"), ("euc-kr", "euc-kr"),
        ("ks_c_5601-1987", "euc-kr"), ("utf-16", "utf-16le"), (" UTF8 ", "utf-8"), ("iso-8859-9", "windows-1254"),
        ("tis-620", "windows-874"), ("hz-gb-2312", "replacement"), ("x-user-defined", "x-user-defined"),
    ])
    func labelsMapAsWHATWGMapsThem(label: String, name: String) {
        #expect(Charset(label: label)?.name == name)
    }

    @Test func unknownLabelsAreIgnored() {
        #expect(Charset(label: "klingon") == nil)
        #expect(sniff(Array("<meta charset=klingon><p>".utf8) + [0xE9]) == "windows-1252")
    }

    @Test func byteOrderMarksWinOverEverything() {
        #expect(sniff([0xEF, 0xBB, 0xBF] + Array("<meta charset=gbk>".utf8), http: "shift_jis") == "utf-8")
        #expect(sniff([0xFF, 0xFE, 0x3C, 0x00], http: "utf-8") == "utf-16le")
        #expect(sniff([0xFE, 0xFF, 0x00, 0x3C], http: "utf-8") == "utf-16be")
    }

    /// Legacy bytes are mapped one at a time and the ASCII runs between them copied whole, at
    /// any offset from the 8-byte words the runs are found by: the same text as iconv gives for
    /// the whole buffer (bytes windows-1252 defines; its holes are checked below).
    @Test func singleByteRunsDecodeAsIconvDoes() throws {
        let table = try #require(SingleByteTable.named("windows-1252"))
        let iconv = try #require(IconvDecoder(encoding: "CP1252"))
        let legacy: [UInt8] = [0x80, 0x93, 0xE9, 0xFF, 0x9F]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let bytes = (0..<Int.random(in: 0...40, using: &generator)).map { _ in
                Bool.random(using: &generator) ? legacy.randomElement(using: &generator)! : UInt8.random(in: 0x20...0x7E, using: &generator)
            }
            #expect(table.decode(bytes) == iconv.decode(bytes), "\(bytes)")
        }
        #expect(table.decode([0x80, 0x81, 0xE9]) == Array("\u{20AC}\u{81}\u{E9}".utf8))
        let ascii = Array("<p>plain ASCII, more than eight bytes</p>".utf8)
        #expect(table.decode(ascii) == ascii)
    }

    @Test func utf16BothEndiansDecode() {
        let text = "<p>héllo 東京</p>"
        let little: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let big: [UInt8] = [0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        #expect(decode(little) == text)
        #expect(decode(big) == text)
        #expect(decode(little + [0x41]) == text + "\u{FFFD}")
    }

    @Test func validUTF8BeatsALyingDeclaration() {
        let page = Array("<meta charset=gb2312><script>var s = \"café\";</script>".utf8)
        #expect(sniff(page, http: "iso-8859-1") == "utf-8")
        #expect(decode(page).contains("café"))
    }

    @Test func httpCharsetBeatsMeta() {
        let page: [UInt8] = Array("<meta charset=windows-1251><p>".utf8) + [0xE9]
        #expect(sniff(page, http: "iso-8859-2") == "iso-8859-2")
    }

    @Test func metaCharsetAndHttpEquivForms() {
        #expect(sniff(Array("<html><head><meta charset=\"Shift_JIS\">".utf8) + [0x82, 0xA0]) == "shift_jis")
        let pragma = "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">"
        #expect(sniff(Array(pragma.utf8) + [0xE0]) == "windows-1251")
        // content without http-equiv is not a declaration
        #expect(sniff(Array("<meta content=\"text/html; charset=windows-1251\">".utf8) + [0xE0]) == "windows-1252")
        // a meta inside a comment does not count
        #expect(sniff(Array("<!-- <meta charset=koi8-r> --><p>".utf8) + [0xE0]) == "windows-1252")
        // UTF-16 in a meta means UTF-8 (the bytes could not have been read otherwise)
        #expect(sniff(Array("<meta charset=utf-16>".utf8) + [0xE0]) == "utf-8")
    }

    @Test func metaAfterTheFirst1024BytesIsStillFound() {
        let head = "<html><head><script>" + String(repeating: "var x = 1;\n", count: 200) + "</script>"
        let page = Array((head + "<meta charset=\"windows-1250\"><p>").utf8) + [0xB9]
        #expect(sniff(page) == "windows-1250")
        #expect(decode(page).hasSuffix("ą"))
        // The whole-page pass is skipped only where "charset" is nowhere, in any case.
        let shouted = Array((head + "<META HTTP-EQUIV=Content-Type CONTENT=\"text/html; CharSet=windows-1250\"><p>").utf8) + [0xB9]
        #expect(sniff(shouted) == "windows-1250")
    }

    /// The word-at-a-time search finds the word at every offset and in every case, and only there.
    @Test func caseBlindSearchAgreesWithAPlainOne() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["charset", "CHARSET", "cHaRsEt", "charse", "harset", "c", "t", "x", "CHARSE\u{7F}", "chars\u{C5}t"]
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0...6, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let bytes = Array(text.utf8)
            #expect(bytes.containsIgnoringASCIICase("charset") == text.lowercased().contains("charset"), "\(text)")
        }
    }

    @Test func invalidBytesBecomeReplacementCharacters() {
        // Declared GBK, with a lead byte followed by an invalid trail byte, and a cut-off sequence at the end.
        let page: [UInt8] = Array("<meta charset=gbk>".utf8) + [0xC4, 0xE3, 0x81, 0x20, 0x41, 0xC4]
        #expect(decode(page).hasSuffix("你\u{FFFD} A\u{FFFD}"))
        // Declared UTF-8 but not quite valid: the bad sequence is replaced, the rest kept.
        #expect(decode([0x61, 0xE2, 0x82, 0x62], http: "utf-8") == "a\u{FFFD}b")
    }

    @Test func legacyEncodingsDecode() {
        #expect(decode([0x93, 0x41, 0x94, 0x80, 0x81]) == "\u{201C}A\u{201D}\u{20AC}\u{81}") // windows-1252, holes kept as C1
        #expect(decode(Array("<meta charset=shift_jis>".utf8) + [0x93, 0x8C, 0x8B, 0x9E]).hasSuffix("東京"))
        #expect(decode(Array("<meta charset=euc-kr>".utf8) + [0xC7, 0xD1]).hasSuffix("한"))
        #expect(decode(Array("<meta charset=big5>".utf8) + [0xA4, 0xA4]).hasSuffix("中"))
        #expect(decode(Array("<meta charset=koi8-r>".utf8) + [0xF0]).hasSuffix("П"))
    }

    @Test func utf8ValidationAgreesWithTheStandardLibrary() {
        let cases: [[UInt8]] = [
            Array("plain ascii, long enough to take the word-at-a-time path".utf8),
            Array("mixed é 東 🚀 text".utf8),
            [0xC0, 0x80], [0xE0, 0x80, 0x80], [0xF0, 0x80, 0x80, 0x80], // overlong
            [0xED, 0xA0, 0x80], // surrogate
            [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], // past U+10FFFF
            [0x41, 0xE2, 0x82], [0x80], [0xC3], [0xE2, 0x28, 0xA1],
        ]
        for bytes in cases {
            #expect(bytes.isValidUTF8 == (String(validating: bytes, as: UTF8.self) != nil), "\(bytes)")
            #expect((bytes.utf8Kind == .ascii) == bytes.allSatisfy { $0 < 0x80 })
        }
    }

    @Test func inputStreamPreprocessingNormalisesNewlinesAndNUL() {
        let (bytes, nulls) = InputStream.preprocess(Array("a\r\nb\rc\0d\0".utf8))
        #expect(String(decoding: bytes, as: UTF8.self) == "a\nb\nc\u{FFFD}d\u{FFFD}")
        #expect(nulls == [5, 9])
        // Runs are copied between CRs and NULs: every mix of them, at the ends too.
        for text in ["\r", "\r\r\n", "\r\n\r\n", "\0\0", "\r\0\n", "x\r", "\ry", "ab\r\r\0\r\ncd\n\r"] {
            let (bytes, _) = InputStream.preprocess(Array(text.utf8))
            let expected = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
                .replacingOccurrences(of: "\0", with: "\u{FFFD}")
            #expect(String(decoding: bytes, as: UTF8.self) == expected, "\(text.debugDescription)")
        }
    }
}
