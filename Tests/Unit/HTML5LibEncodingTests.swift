import Foundation
import Testing
@testable import ScrapeKit

/// The html5lib-tests encoding cases (`Tests/Fixtures/html5lib-tests/encoding`, the ones that need
/// no script), against the charset sniffer with no HTTP charset: the encoding a browser ends up
/// with, from a byte-order mark, the `<meta>` pre-scan of the first 1024 bytes or the "change the
/// encoding" step a later `<meta>` causes, else windows-1252.
@Suite struct HTML5LibEncodingTests {
    struct Case: CustomStringConvertible {
        var file: String
        var data: [UInt8]
        var encoding: String

        var description: String { "\(file): \(String(decoding: data.prefix(60), as: UTF8.self))" }
    }

    static func cases() throws -> [Case] {
        var cases: [Case] = []
        for (file, url) in try Fixtures.files(in: "html5lib-tests/encoding", endingIn: ".dat") {
            // Latin-1 keeps every byte as it is in the file, whatever it holds.
            let text = try String(contentsOf: url, encoding: .isoLatin1)
            for test in text.components(separatedBy: "#data\n").dropFirst() {
                let parts = test.components(separatedBy: "\n#encoding\n")
                guard parts.count == 2 else { continue }
                let encoding = parts[1].split(separator: "\n").first.map(String.init) ?? ""
                cases.append(Case(file: file, data: Array(parts[0].unicodeScalars.map { UInt8($0.value) }), encoding: encoding))
            }
        }
        return cases
    }

    /// The one case where the output contract's order, not a browser's, decides: its bytes are
    /// valid UTF-8 (the file was transcoded, its `<meta>` still says EUC-JP), and valid UTF-8
    /// comes before the declarations (SPEC.md), since re-served pages lose their encoding far more
    /// often than legacy bytes happen to be valid UTF-8.
    static let contractOverSuite: Set<String> = ["test-yahoo-jp.dat"]

    @Test func everyCasePassesButTheContractsOwn() throws {
        let cases = try Self.cases()
        #expect(cases.count == 82)
        func sniffed(_ data: [UInt8]) -> String { CharsetSniffer.sniff(data, httpCharset: nil).charset.name }
        let failures = cases.filter { sniffed($0.data).lowercased() != $0.encoding.lowercased() }
        print("html5lib encoding: \(cases.count - failures.count) of \(cases.count) pass")
        #expect(Set(failures.map(\.file)) == Self.contractOverSuite && failures.count == 1, "\(failures.map { "\($0) -> expected \($0.encoding), got \(sniffed($0.data))" })")
    }
}
