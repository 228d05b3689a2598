import Foundation

/// What one robots.txt allows one user agent, read as RFC 9309 says: the group naming the agent
/// (else the `*` group) applies; among its rules the longest matching pattern decides, `Allow`
/// winning a tie; `*` matches any run of characters and a final `$` anchors the end.
package struct RobotsRules: Sendable {
    private struct Rule: Sendable {
        var allows: Bool
        /// Octets of the pattern as written: the longest match is the most specific.
        var specificity: Int
        /// The pattern as a whole-path wildcard: a final `$` dropped, else a `*` appended.
        var wildcard: [UInt8]

        init(allows: Bool, pattern: [UInt8]) {
            let pattern = RobotsRules.normalized(pattern)
            self.allows = allows
            specificity = pattern.count
            wildcard = pattern.last == UInt8(ascii: "$") ? pattern.dropLast() : pattern + [UInt8(ascii: "*")]
        }
    }

    private let rules: [Rule]
    /// Seconds the group asks between requests (`Crawl-delay`, not in RFC 9309 but widely
    /// written), fractions included; nil when it names none.
    package let crawlDelay: Double?
    /// The `Sitemap:` URLs, wherever they stand (they belong to no group).
    package let sitemaps: [String]

    static let allowAll = RobotsRules(rules: [])
    static let disallowAll = RobotsRules(rules: [Rule(allows: false, pattern: Array("/".utf8))])

    private init(rules: [Rule]) {
        self.rules = rules
        crawlDelay = nil
        sitemaps = []
    }

    /// - Parameter agent: the product token of our User-Agent, e.g. `scrape`.
    ///
    /// Read as google/robotstxt (RFC 9309's reference) reads: a UTF-8 byte-order mark skipped,
    /// lines ended by LF, CR LF or CR alone, `key value` accepted without the colon, a
    /// user-agent matched by its product token (up to the first character that cannot be in one,
    /// without case), and an `Allow` of `/index.html` also allowing its directory.
    package init(parsing text: [UInt8], for agent: String) {
        let agent = agent.lowercased()
        var named: [Rule] = [], anyone: [Rule] = []
        var namesUs = false, namesAnyone = false, groupHasUs = false, groupHasAnyone = false
        var inAgentLines = false
        var namedDelay: Double?, anyoneDelay: Double?
        var sitemaps: [String] = []
        let body = text.starts(with: [0xEF, 0xBB, 0xBF]) ? text.dropFirst(3) : text[...]
        for rawLine in body.split(omittingEmptySubsequences: true, whereSeparator: { $0 == 0x0A || $0 == 0x0D }) {
            let line = rawLine.prefix { $0 != UInt8(ascii: "#") }
            guard let (key, value) = Self.keyAndValue(line) else { continue }
            switch key {
            case "user-agent":
                if !inAgentLines { groupHasUs = false; groupHasAnyone = false }
                inAgentLines = true
                let name = String(value.lowercased().prefix { $0.isLetter && $0.isASCII || $0 == "-" || $0 == "_" || $0 == "*" })
                if name == agent { groupHasUs = true; namesUs = true }
                if name == "*" { groupHasAnyone = true; namesAnyone = true }
            case "allow", "disallow":
                inAgentLines = false
                // An empty Disallow allows everything: it is no rule at all.
                guard !value.isEmpty else { continue }
                var rules = [Rule(allows: key == "allow", pattern: Array(value.utf8))]
                if key == "allow", let directory = Self.directoryOfIndex(value) {
                    rules.append(Rule(allows: true, pattern: Array((directory + "$").utf8)))
                }
                if groupHasUs { named += rules }
                if groupHasAnyone { anyone += rules }
            case "sitemap":
                if !value.isEmpty { sitemaps.append(value) }
            case "crawl-delay":
                inAgentLines = false
                guard let seconds = Double(value), seconds.isFinite, seconds >= 0 else { continue }
                if groupHasUs { namedDelay = namedDelay ?? seconds }
                if groupHasAnyone { anyoneDelay = anyoneDelay ?? seconds }
            default:
                continue
            }
        }
        rules = namesUs ? named : (namesAnyone ? anyone : [])
        crawlDelay = namesUs ? namedDelay : (namesAnyone ? anyoneDelay : nil)
        self.sitemaps = sitemaps
    }

    /// `key: value` or `key value`, the key lower-cased; nil for a line that is neither.
    private static func keyAndValue(_ line: ArraySlice<UInt8>) -> (String, String)? {
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespaces)
        guard let separator = text.firstIndex(where: { $0 == ":" || $0 == " " || $0 == "\t" }) else { return nil }
        var value = text[text.index(after: separator)...].trimmingCharacters(in: .whitespaces)
        if text[separator] != ":", value.hasPrefix(":") { value = value.dropFirst().trimmingCharacters(in: .whitespaces) }
        return (text[..<separator].lowercased(), value)
    }

    /// `/a/` for `/a/index.html` or `/a/index.htm`.
    private static func directoryOfIndex(_ pattern: String) -> String? {
        for suffix in ["/index.html", "/index.htm"] where pattern.hasSuffix(suffix) {
            return String(pattern.dropLast(suffix.count - 1))
        }
        return nil
    }

    /// Percent-encoding made canonical, so that `/ツ` and `/%e3%83%84` are the same path: bytes
    /// outside ASCII encoded, hex digits of existing escapes upper-cased.
    static func normalized(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte >= 0x80 {
                out.appendPercentEncoded(byte)
            } else if byte == UInt8(ascii: "%"), index + 2 < bytes.count, bytes[index + 1].isASCIIHexDigit, bytes[index + 2].isASCIIHexDigit {
                out += [byte, bytes[index + 1].asciiUppercased, bytes[index + 2].asciiUppercased]
                index += 2
            } else {
                out.append(byte)
            }
            index += 1
        }
        return out
    }

    /// Whether the agent may fetch `path` (path and query, e.g. `/a?b=1`).
    package func allows(_ path: String) -> Bool {
        let path = Self.normalized(Array(path.utf8))
        var best: Rule?
        for rule in rules where Self.matches(rule.wildcard, path) {
            guard let current = best else { best = rule; continue }
            if rule.specificity > current.specificity || (rule.specificity == current.specificity && rule.allows) {
                best = rule
            }
        }
        return best?.allows ?? true
    }

    /// Whether `pattern`, where `*` stands for any run of octets, matches all of `path`;
    /// on a mismatch it backtracks to the last `*`.
    private static func matches(_ pattern: [UInt8], _ path: [UInt8]) -> Bool {
        var p = 0, s = 0
        var star: Int?, starPath = 0
        while s < path.count {
            if p < pattern.count && pattern[p] == UInt8(ascii: "*") {
                star = p; starPath = s; p += 1
            } else if p < pattern.count && pattern[p] == path[s] {
                p += 1; s += 1
            } else if let star {
                p = star + 1; starPath += 1; s = starPath
            } else {
                return false
            }
        }
        while p < pattern.count && pattern[p] == UInt8(ascii: "*") { p += 1 }
        return p == pattern.count
    }
}
