import Foundation
import Testing
@testable import ScrapeKit

@Suite struct URLSourceTests {
    private func urls(fromFile contents: String) throws -> [InputURL] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("urls-\(UUID()).txt").path
        try Data(contents.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        return Array(try URLSource(path: path))
    }

    @Test func skipsBlankAndCommentLinesAndNumbersTheRest() throws {
        let list = "# sites\n\nhttp://a.test/\n   \n  http://b.test/x  \n#http://skipped/\nhttp://c.test/"
        #expect(try urls(fromFile: list) == [
            InputURL(index: 0, url: "http://a.test/"),
            InputURL(index: 1, url: "http://b.test/x"),
            InputURL(index: 2, url: "http://c.test/"),
        ])
    }

    /// The reader checks each URL for the fetch loop; that cache is no part of the URL's identity.
    @Test func aCheckedURLEqualsTheSameURLUnchecked() {
        let plain = InputURL(index: 3, url: "http://example.com/a")
        var checked = plain
        checked.checked = FetchPolicy.validate(plain.url)
        #expect(checked == plain)
        #expect(checked.target == plain.target)
        #expect(checked != InputURL(index: 3, url: "http://example.com/b"))
    }

    @Test func acceptsCRLFAndNoFinalNewline() throws {
        #expect(try urls(fromFile: "http://a.test/\r\nhttp://b.test/").map(\.url) == ["http://a.test/", "http://b.test/"])
    }

    @Test func overlongLineBecomesOneShortEntryAndReadingGoesOn() throws {
        let long = String(repeating: "x", count: URLSource.maxLineBytes * 3)
        let read = try urls(fromFile: "http://\(long)\nhttp://after.test/\n")
        #expect(read.count == 2)
        #expect(read[0].url.utf8.count < 1000)
        #expect(read[1] == InputURL(index: 1, url: "http://after.test/"))
    }

    @Test func readsBlocksLargerThanTheBuffer() throws {
        let list = (0..<20_000).map { "http://host\($0).test/page" }.joined(separator: "\n")
        let read = try urls(fromFile: list)
        #expect(read.count == 20_000)
        #expect(read.last == InputURL(index: 19_999, url: "http://host19999.test/page"))
    }

    @Test func missingFileAndDirectoryAreErrorsBeforeAnyWork() {
        #expect(throws: URLSourceError.self) { _ = try URLSource(path: "/nonexistent/urls.txt") }
        #expect(throws: URLSourceError.self) { _ = try URLSource(path: "/tmp") }
    }

    /// The progress line counts a list by reading it again: only a regular file may be.
    @Test func onlyRegularFilesAreReadTwice() throws {
        let fifo = FileManager.default.temporaryDirectory.appendingPathComponent("urls-\(UUID()).fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        defer { unlink(fifo) }
        #expect(try URLSource(path: fifo).isRereadable == false)
        let list = FileManager.default.temporaryDirectory.appendingPathComponent("list-\(UUID()).txt")
        try Data("http://a/\n".utf8).write(to: list)
        #expect(try URLSource(path: list.path).isRereadable)
        #expect(try URLSource(path: "-").isRereadable == false)
    }
}
