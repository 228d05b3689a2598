import Foundation
import ScrapeSystem

/// What one robots.txt allows one user agent, read as RFC 9309 says: the group naming the agent
/// (else the `*` group) applies; among its rules the longest matching pattern decides, `Allow`
/// winning a tie; `*` matches any run of characters and a final `$` anchors the end.
package struct RobotsRules: Sendable {
    private struct Rule: Sendable {
        var allows: Bool
        /// Octets of the pattern as written: the longest match is the most specific.
        var specificity: Int
        /// The pattern, percent-encoding made canonical.
        var pattern: [UInt8]
        /// The pattern's longest run without `*`: a path lacking it cannot match, which one
        /// search of the path tells before any matching (most rules of a long file, at once).
        var longestRun: [UInt8]

        init(allows: Bool, pattern: [UInt8]) {
            self.pattern = RobotsRules.normalized(pattern)
            self.allows = allows
            specificity = self.pattern.count
            let literal = self.pattern.last == UInt8(ascii: "$") ? self.pattern.dropLast() : self.pattern[...]
            longestRun = Array(literal.split(separator: UInt8(ascii: "*")).max { $0.count < $1.count } ?? [])
        }

        func matches(_ path: [UInt8], steps: inout Int) -> Bool {
            guard longestRun.count < 2 || path.firstIndex(of: longestRun, from: 0) != nil else {
                return false
            }
            return RobotsRules.matches(pattern, path, steps: &steps)
        }
    }

    /// The group's rules, most specific first and `Allow` first among equals: the first that
    /// matches a path decides, so most paths are judged without trying every rule.
    private let rules: [Rule]
    /// Seconds the group asks between requests (`Crawl-delay`, not in RFC 9309 but widely
    /// written), fractions included; nil when it names none.
    package let crawlDelay: Double?
    /// The `Sitemap:` URLs, wherever they stand (they belong to no group).
    package let sitemaps: [String]

    static let allowAll = RobotsRules(rules: [])
    static let disallowAll = RobotsRules(rules: [Rule(allows: false, pattern: Array("/".utf8))])

    /// Google reads at most this much of a line (eight times a browser's longest URL) and
    /// ignores the rest, so a longer `Disallow` stops matching where it was cut.
    static let maxLineBytes = 2083 * 8 - 1

    private init(rules: [Rule]) {
        self.rules = rules
        crawlDelay = nil
        sitemaps = []
    }

    /// - Parameter agent: the product token of our User-Agent, e.g. `scrape`.
    ///
    /// Read as google/robotstxt (RFC 9309's reference) reads: a UTF-8 byte-order mark skipped,
    /// lines ended by LF, CR LF or CR alone, `key value` accepted without the colon, a
    /// user-agent line read up to its first character other than a letter, `-` or `_` (so
    /// `User-agent: Foo Bar` names `Foo`; a `*` alone or before a space names everyone), names
    /// compared without case, lines cut at `maxLineBytes`, and an `Allow` of `/index.html` also
    /// allowing its directory.
    package init(parsing text: [UInt8], for agent: String) {
        let agent = agent.lowercased()
        var named: [Rule] = [], anyone: [Rule] = []
        var namesUs = false, namesAnyone = false, groupHasUs = false, groupHasAnyone = false
        var inAgentLines = false
        var namedDelay: Double?, anyoneDelay: Double?
        var sitemaps: [String] = []
        let body = text.starts(with: [0xEF, 0xBB, 0xBF]) ? text.dropFirst(3) : text[...]
        for rawLine in body.split(omittingEmptySubsequences: true, whereSeparator: { $0 == 0x0A || $0 == 0x0D }) {
            let line = rawLine.prefix(Self.maxLineBytes).prefix { $0 != UInt8(ascii: "#") }
            guard let (key, value) = Self.keyAndValue(line) else { continue }
            switch key {
            case "user-agent":
                if !inAgentLines { groupHasUs = false; groupHasAnyone = false }
                inAgentLines = true
                if value == "*" || value.hasPrefix("* ") || value.hasPrefix("*\t") {
                    groupHasAnyone = true
                    namesAnyone = true
                } else if Self.productToken(value).lowercased() == agent {
                    groupHasUs = true
                    namesUs = true
                }
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
        rules = (namesUs ? named : (namesAnyone ? anyone : [])).sorted {
            $0.specificity != $1.specificity ? $0.specificity > $1.specificity : $0.allows && !$1.allows
        }
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

    /// The part of a user-agent that names it: up to the first character other than an ASCII
    /// letter, `-` or `_` (`scrape/0.1` and `scrape 0.1` are `scrape`), as Google reads both the
    /// agent and robots.txt's `User-agent` lines.
    package static func productToken(_ agent: String) -> Substring {
        agent.prefix { $0.isASCII && $0.isLetter || $0 == "-" || $0 == "_" }
    }

    /// Whether the agent may fetch `path` (path and query, e.g. `/a?b=1`).
    package func allows(_ path: String) -> Bool {
        let path = Self.normalized(Array(path.utf8))
        var steps = 0
        return rules.first { $0.matches(path, steps: &steps) }?.allows ?? true
    }

    /// Whether `pattern` matches the start of `path` (all of it when the pattern ends in `$`),
    /// `*` standing for any run of octets. Linear in path × pattern, as Google's matcher is: it
    /// keeps the set of path positions the pattern so far can reach, never backtracking.
    /// - Parameter steps: counts the positions visited, so a test can bound the work.
    static func matches(_ pattern: [UInt8], _ path: [UInt8], steps: inout Int) -> Bool {
        // Positions are kept sorted; a `*` reaches every position from the first one on.
        var positions = [0], next: [Int] = []
        positions.reserveCapacity(path.count + 1)
        next.reserveCapacity(path.count + 1)
        for (index, byte) in pattern.enumerated() {
            if byte == UInt8(ascii: "$") && index == pattern.count - 1 {
                return positions.last == path.count
            }
            next.removeAll(keepingCapacity: true)
            if byte == UInt8(ascii: "*") {
                next.append(contentsOf: positions[0]...path.count)
            } else {
                for position in positions where position < path.count && path[position] == byte {
                    next.append(position + 1)
                }
            }
            steps += positions.count + next.count
            swap(&positions, &next)
            if positions.isEmpty { return false }
        }
        return true
    }
}
