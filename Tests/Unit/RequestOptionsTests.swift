import Testing
@testable import ScrapeKit

/// The request options a library user sets are checked as the command line's are.
@Suite struct RequestOptionsTests {
    private func problem(_ change: (inout RequestOptions) -> Void) -> String? {
        var options = RequestOptions()
        change(&options)
        do { try options.validate() } catch { return error.description }
        return nil
    }

    @Test func badOptionsAreNamedBeforeAnyRequest() {
        #expect(problem { _ in } == nil)
        #expect(problem { $0.headers = ["X-Ok: yes", "Dropped:"] } == nil)
        #expect(problem { $0.headers = ["no colon"] } == "--header 'no colon': expected 'Name: value' on one line")
        #expect(problem { $0.headers = ["X-A: b\r\nX-B: c"] } == "--header 'X-A: b\r\nX-B: c': expected 'Name: value' on one line")
        #expect(problem { $0.headers = ["@file: x"] } != nil, "a name never starts with @, which a child run would read as a file")
        #expect(problem { $0.cookies = .header("a=b\nc=d") } == "--cookie must be one line")
        #expect(problem { $0.cookies = .file("/nonexistent/jar.txt") } == "--cookie /nonexistent/jar.txt: no such readable file")
        #expect(problem { $0.proxy = "ftp://proxy:21" }?.hasPrefix("--proxy ftp://proxy:21: the scheme must be") == true)
        #expect(problem { $0.proxy = "socks5h://127.0.0.1:1080" } == nil)
        #expect(problem { $0.caFile = "/nonexistent.pem" } == "--cacert /nonexistent.pem: no such readable file")
        #expect(problem { $0.caPath = "/nonexistent" } == "--capath /nonexistent: no such directory")
        #expect(problem { $0.resolve = ["example.com:443"] } != nil)
        #expect(problem { $0.resolve = ["example.com:443:127.0.0.1"] } == nil)
    }
}
