/// An absolute http(s) URL as the WHATWG URL Standard parses and serialises it, just far enough
/// to resolve the links of a page the way a browser does (`--absolute`).
///
/// Only special schemes with hosts are modelled (http, https, ws, wss, ftp): a page's links are
/// resolved against its own http(s) URL, and every other scheme (`mailto:`, `javascript:`,
/// `data:`) is left as written. Hosts are lower-cased but not converted to punycode.
struct WebURL: Sendable, Equatable, CustomStringConvertible {
    var scheme: String
    /// `user:password@`, or "".
    var userinfo: String
    var host: String
    /// Nil for the scheme's default port.
    var port: Int?
    var path: [String]
    var query: String?
    var fragment: String?

    private static let defaultPorts = ["http": 80, "https": 443, "ws": 80, "wss": 443, "ftp": 21]

    var description: String {
        var text = scheme + "://" + userinfo + host
        if let port { text += ":\(port)" }
        text += "/" + path.joined(separator: "/")
        if let query { text += "?" + query }
        if let fragment { text += "#" + fragment }
        return text
    }

    /// Parses an absolute URL; nil unless its scheme is one with hosts.
    init?(_ text: String) {
        guard let url = WebURL.resolve(text, against: nil) else { return nil }
        self = url
    }

    private init(scheme: String) {
        self.scheme = scheme
        userinfo = ""
        host = ""
        path = []
    }

    /// `reference` resolved against `base`, as `new URL(reference, base)` would; nil when the
    /// result is not a URL with a host (then the caller keeps the reference as written).
    static func resolve(_ reference: String, against base: WebURL?) -> WebURL? {
        // Leading and trailing C0 controls and spaces go; tabs and newlines go from everywhere.
        let scalars = reference.unicodeScalars
        let start = scalars.firstIndex { $0.value > 0x20 } ?? scalars.endIndex
        let end = scalars.lastIndex { $0.value > 0x20 }.map(scalars.index(after:)) ?? start
        let kept = scalars[start..<end].filter { $0 != "\t" && $0 != "\n" && $0 != "\r" }
        let input = Substring(String(String.UnicodeScalarView(kept)))
        if let colon = input.firstIndex(of: ":"), isScheme(input[..<colon]) {
            let scheme = input[..<colon].lowercased()
            guard defaultPorts[scheme] != nil else { return nil }
            let rest = input[input.index(after: colon)...]
            if let base, base.scheme == scheme, !rest.hasPrefix("/"), !rest.hasPrefix("\\") {
                return base.resolvingRelative(rest)
            }
            var url = WebURL(scheme: scheme)
            guard url.parseAuthorityAndRest(rest.drop { $0 == "/" || $0 == "\\" }) else { return nil }
            return url
        }
        return base?.resolvingRelative(input)
    }

    private func resolvingRelative(_ input: Substring) -> WebURL? {
        var url = self
        url.fragment = nil
        switch input.first {
        case nil:
            return url
        case "/", "\\":
            let afterFirst = input.dropFirst()
            if afterFirst.first == "/" || afterFirst.first == "\\" {
                var other = WebURL(scheme: scheme)
                return other.parseAuthorityAndRest(afterFirst.dropFirst().drop { $0 == "/" || $0 == "\\" }) ? other : nil
            }
            url.path = []
            url.query = nil
            url.parsePathQueryFragment(afterFirst)
        case "?":
            url.query = nil
            url.parsePathQueryFragment(input, keepingPath: true)
        case "#":
            url.fragment = Self.encode(input.dropFirst(), Self.fragmentSet)
        default:
            url.query = nil
            if !url.path.isEmpty { url.path.removeLast() }
            url.parsePathQueryFragment(input)
        }
        return url
    }

    /// `[userinfo@]host[:port]` then path, query and fragment; false for an empty or bad host.
    private mutating func parseAuthorityAndRest(_ input: Substring) -> Bool {
        let authorityEnd = input.firstIndex { $0 == "/" || $0 == "\\" || $0 == "?" || $0 == "#" } ?? input.endIndex
        var authority = input[..<authorityEnd]
        if let at = authority.lastIndex(of: "@") {
            userinfo = Self.encode(authority[..<at], Self.userinfoSet) + "@"
            authority = authority[authority.index(after: at)...]
        }
        var hostPart = authority
        if let colon = authority.lastIndex(of: ":"), !authority[colon...].contains("]") {
            hostPart = authority[..<colon]
            let digits = authority[authority.index(after: colon)...]
            if !digits.isEmpty {
                guard digits.utf8.allSatisfy(\.isASCIIDigit), let number = Int(digits.prefix(6)), number < 65_536 else { return false }
                port = number == Self.defaultPorts[scheme] ? nil : number
            }
        }
        guard !hostPart.isEmpty, !hostPart.contains(where: { " #%/:<>?@[\\]^|".contains($0) && !hostPart.hasPrefix("[") }) else {
            return false
        }
        host = String(hostPart).lowercased()
        var rest = input[authorityEnd...]
        if rest.first == "/" || rest.first == "\\" { rest = rest.dropFirst() }
        parsePathQueryFragment(rest, rootless: true)
        return true
    }

    /// Appends the path segments of `input` (which has no leading slash), then its query and fragment.
    private mutating func parsePathQueryFragment(_ input: Substring, keepingPath: Bool = false, rootless: Bool = false) {
        var rest = input
        if let hash = rest.firstIndex(of: "#") {
            fragment = Self.encode(rest[rest.index(after: hash)...], Self.fragmentSet)
            rest = rest[..<hash]
        }
        if let mark = rest.firstIndex(of: "?") {
            query = Self.encode(rest[rest.index(after: mark)...], Self.querySet)
            rest = rest[..<mark]
        }
        guard !keepingPath else { return }
        let segments = rest.split(omittingEmptySubsequences: false) { $0 == "/" || $0 == "\\" }
        for (index, segment) in segments.enumerated() {
            let last = index == segments.count - 1
            switch segment.lowercased() {
            case "..", ".%2e", "%2e.", "%2e%2e":
                if !path.isEmpty { path.removeLast() }
                if last { path.append("") }
            case ".", "%2e":
                if last { path.append("") }
            default:
                path.append(Self.encode(segment, Self.pathSet))
            }
        }
        if path.isEmpty, rootless || rest.isEmpty { path = [""] }
    }

    private static func isScheme(_ text: Substring) -> Bool {
        guard let first = text.first, first.isASCII, first.isLetter else { return false }
        return text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") }
    }

    // MARK: Percent-encoding

    private static let fragmentSet: Set<UInt8> = Set(" \"<>`".utf8)
    private static let querySet: Set<UInt8> = Set(" \"#<>'".utf8)
    private static let pathSet: Set<UInt8> = querySet.subtracting(Set("'".utf8)).union(Set("?`{}^".utf8))
    private static let userinfoSet: Set<UInt8> = pathSet.union(Set("/:;=@[\\]|".utf8))

    /// Percent-encodes C0 controls, non-ASCII (as UTF-8) and `set`; existing `%XX` stay.
    private static func encode(_ text: Substring, _ set: Set<UInt8>) -> String {
        var out: [UInt8] = []
        for byte in text.utf8 {
            if byte < 0x21 || byte >= 0x7F || set.contains(byte) {
                out.appendPercentEncoded(byte)
            } else {
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
