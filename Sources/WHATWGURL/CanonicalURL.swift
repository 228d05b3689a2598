/// The URLs that most lists and links hold, read without the parser's state machine: an absolute
/// `http(s)://host[:port]/path?query#fragment`, or a path from the root (`/a/b?c`) against an
/// http(s) base, already in the form the parser gives back: lower-case scheme and host, no dot
/// segments, no byte the parser would percent-encode or treat apart.
///
/// Anything else is left to `URLParser` (nil here), which gives the same answer for these too,
/// only slower: it goes a Unicode scalar at a time, building each component as it goes, and a
/// crawl parses every link of every page, then every page again as the frontier hands it out.
enum CanonicalURL {
    static func parse(_ input: String, base: WebURL?) -> WebURL? {
        var input = input
        return input.withUTF8 { parse($0, base: base) }
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>, base: WebURL?) -> WebURL? {
        var url: WebURL
        var position: Int
        if bytes.first == UInt8(ascii: "/") {
            // `//host/...` names another authority; only a path from the root stays on the base's.
            guard bytes.count < 2 || bytes[1] != UInt8(ascii: "/"), let base, base.isHTTP else { return nil }
            url = base
            url.query = nil
            url.fragment = nil
            position = 0
        } else {
            guard let (scheme, authorityStart) = httpScheme(of: bytes) else { return nil }
            url = WebURL(scheme: scheme)
            position = authorityStart
            while position < bytes.count, !isAuthorityEnd(bytes[position]) { position += 1 }
            guard readAuthority(bytes[authorityStart..<position], into: &url) else { return nil }
        }
        var segments: [String] = []
        if position < bytes.count, bytes[position] == UInt8(ascii: "/") {
            var start = position + 1
            position = start
            while true {
                let end = position == bytes.count || bytes[position] == UInt8(ascii: "?") || bytes[position] == UInt8(ascii: "#")
                if end || bytes[position] == UInt8(ascii: "/") {
                    let segment = UnsafeBufferPointer(rebasing: bytes[start..<position])
                    guard !isDotSegment(segment) else { return nil }
                    segments.append(String(decoding: segment, as: UTF8.self))
                    if end { break }
                    start = position + 1
                } else if !isKeptAsWritten(bytes[position]) {
                    return nil
                }
                position += 1
            }
        } else {
            // A special URL's path is never empty: `http://host?q` has the path `/`.
            segments = [""]
        }
        url.path = .segments(segments)
        if position < bytes.count, bytes[position] == UInt8(ascii: "?") {
            let start = position + 1
            position = start
            while position < bytes.count, bytes[position] != UInt8(ascii: "#") {
                guard isKeptAsWritten(bytes[position]) else { return nil }
                position += 1
            }
            url.query = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        }
        if position < bytes.count {
            let fragment = UnsafeBufferPointer(rebasing: bytes[(position + 1)...])
            guard fragment.allSatisfy(isKeptAsWritten) else { return nil }
            url.fragment = String(decoding: fragment, as: UTF8.self)
        }
        return url
    }

    /// "http" or "https" and where the authority starts, for input starting `http://` or `https://`.
    private static func httpScheme(of bytes: UnsafeBufferPointer<UInt8>) -> (String, Int)? {
        guard bytes.starts(with: "http".utf8) else { return nil }
        let secure = bytes.count > 4 && bytes[4] == UInt8(ascii: "s")
        let colon = secure ? 5 : 4
        guard bytes.dropFirst(colon).starts(with: "://".utf8) else { return nil }
        return (secure ? "https" : "http", colon + 3)
    }

    private static func isAuthorityEnd(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#")
    }

    /// A host of lower-case letters, digits, hyphens and dots in non-empty labels (a dotted-quad
    /// address when it ends in a number), then an optional port without leading zeros. No user
    /// name: `@` is not among those bytes.
    private static func readAuthority(_ authority: Slice<UnsafeBufferPointer<UInt8>>, into url: inout WebURL) -> Bool {
        let colon = authority.firstIndex(of: UInt8(ascii: ":")) ?? authority.endIndex
        let host = authority[..<colon]
        let labels = host.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard let last = labels.last, labels.allSatisfy({ isPlainLabel($0) }) else { return false }
        // A last label that starts with a digit may make the host an address (`1.2.3.4`, `0x7f.1`).
        if last.first!.isASCIIDigit {
            guard let address = dottedQuad(labels) else { return false }
            url.host = .ipv4(address)
        } else {
            url.host = .domain(String(decoding: UnsafeBufferPointer(rebasing: host), as: UTF8.self))
        }
        guard colon < authority.endIndex else { return true }
        let digits = authority[(colon + 1)...]
        guard (1...5).contains(digits.count), digits.allSatisfy(\.isASCIIDigit), digits.first != UInt8(ascii: "0") else { return false }
        let port = digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        guard port <= 65535 else { return false }
        url.port = port == WebURL.specialSchemes[url.scheme] ?? nil ? nil : port
        return true
    }

    /// A label the parser keeps as written: ASCII letters in lower case, digits and hyphens, not
    /// an `xn--` label (whose Punycode the parser checks).
    private static func isPlainLabel(_ label: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        !label.isEmpty && !label.starts(with: "xn--".utf8)
            && label.allSatisfy { ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) || $0.isASCIIDigit || $0 == UInt8(ascii: "-") }
    }

    /// Four decimal numbers up to 255 without leading zeros, as an address.
    private static func dottedQuad(_ labels: [Slice<UnsafeBufferPointer<UInt8>>]) -> UInt32? {
        guard labels.count == 4 else { return nil }
        var address: UInt32 = 0
        for label in labels {
            guard label.count <= 3, label.allSatisfy(\.isASCIIDigit), label.count == 1 || label.first != UInt8(ascii: "0") else { return nil }
            let number = label.reduce(0) { $0 * 10 + UInt32($1 - UInt8(ascii: "0")) }
            guard number <= 255 else { return nil }
            address = address << 8 | number
        }
        return address
    }

    /// Printable ASCII kept as written in a special URL's path, query and fragment alike, so one
    /// test serves all three: not `"`, `<`, `>` (in every percent-encode set of the three), `^`,
    /// `` ` ``, `{`, `}` (path or fragment), `'` (special query), `\` (read as `/` in a path), `#`
    /// (starts the fragment), nor `|`, which the parser keeps but which file URLs' drive letters
    /// make worth leaving to it.
    private static func isKeptAsWritten(_ byte: UInt8) -> Bool {
        guard byte > 0x20, byte < 0x7F else { return false }
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "#"), UInt8(ascii: "'"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\\"),
             UInt8(ascii: "^"), UInt8(ascii: "`"), UInt8(ascii: "{"), UInt8(ascii: "|"), UInt8(ascii: "}"):
            return false
        default:
            return true
        }
    }

    /// `.` or `..`, written plainly or as `%2e`: the parser removes them and what they undo.
    private static func isDotSegment(_ segment: UnsafeBufferPointer<UInt8>) -> Bool {
        guard segment.count <= 6, segment.first == UInt8(ascii: ".") || segment.first == UInt8(ascii: "%") else { return false }
        let text = String(decoding: segment, as: UTF8.self)
        return URLParser.isSingleDot(text) || URLParser.isDoubleDot(text)
    }
}
