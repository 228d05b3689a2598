/// The URL Standard's basic URL parser: its state machine, state for state, without state
/// overrides (no setters). Validation errors that the standard lets pass are not reported.
struct URLParser {
    private enum State {
        case schemeStart, scheme, noScheme, specialRelativeOrAuthority, pathOrAuthority, relative, relativeSlash
        case specialAuthoritySlashes, specialAuthorityIgnoreSlashes, authority, host, port
        case file, fileSlash, fileHost, pathStart, path, opaquePath, query, fragment
    }

    private let input: [Unicode.Scalar]
    private let base: WebURL?
    private var url = WebURL(scheme: "")
    /// Whether `url`'s scheme is special, set with the scheme (every step asks).
    private var isSpecial = false
    private var segments: [String] = []
    private var opaquePath: String?
    private var state = State.schemeStart
    private var buffer = ""
    private var pointer = 0
    private var atSignSeen = false
    private var insideBrackets = false
    private var passwordTokenSeen = false

    init(input: String, base: WebURL?) {
        // Leading and trailing C0 controls and spaces go, and tabs and newlines anywhere.
        let scalars = input.unicodeScalars
        let start = scalars.firstIndex { $0.value > 0x20 } ?? scalars.endIndex
        let end = scalars.lastIndex { $0.value > 0x20 }.map(scalars.index(after:)) ?? start
        self.input = scalars[start..<end].filter { $0 != "\t" && $0 != "\n" && $0 != "\r" }
        self.base = base
    }

    private func character(at position: Int) -> Unicode.Scalar? {
        position >= 0 && position < input.count ? input[position] : nil
    }

    /// Whether the input after the current character starts with `prefix`.
    private func remaining(startsWith prefix: Unicode.Scalar) -> Bool {
        character(at: pointer + 1) == prefix
    }

    mutating func parse() -> WebURL? {
        // Each step may move the pointer back to read a character again in another state; the
        // machine stops once a step leaves the pointer at the end of the input.
        while true {
            guard step(character(at: pointer)) else { return nil }
            if pointer >= input.count { break }
            pointer += 1
        }
        if let opaquePath {
            url.path = .opaque(opaquePath)
        } else {
            url.path = .segments(segments)
        }
        return url
    }

    /// One step of the state machine for `c` (nil at the end); false on failure.
    private mutating func step(_ c: Unicode.Scalar?) -> Bool {
        switch state {
        case .schemeStart:
            if let c, c.isASCIILetter {
                buffer.unicodeScalars.append(c.lowercased)
                state = .scheme
            } else {
                state = .noScheme
                pointer -= 1
            }
        case .scheme:
            if let c, c.isASCIILetter || c.isASCIIDigit || c == "+" || c == "-" || c == "." {
                buffer.unicodeScalars.append(c.lowercased)
            } else if c == ":" {
                setScheme(buffer)
                buffer = ""
                if url.scheme == "file" {
                    state = .file
                } else if isSpecial, let base, base.scheme == url.scheme {
                    state = .specialRelativeOrAuthority
                } else if isSpecial {
                    state = .specialAuthoritySlashes
                } else if remaining(startsWith: "/") {
                    state = .pathOrAuthority
                    pointer += 1
                } else {
                    opaquePath = ""
                    state = .opaquePath
                }
            } else {
                buffer = ""
                state = .noScheme
                pointer = -1
            }
        case .noScheme:
            guard let base else { return false }
            if base.hasOpaquePath {
                guard c == "#" else { return false }
                setScheme(base.scheme)
                url.path = base.path
                if case .opaque(let text) = base.path { opaquePath = text }
                url.query = base.query
                url.fragment = ""
                state = .fragment
            } else {
                state = base.scheme == "file" ? .file : .relative
                pointer -= 1
            }
        case .specialRelativeOrAuthority:
            if c == "/" && remaining(startsWith: "/") {
                state = .specialAuthorityIgnoreSlashes
                pointer += 1
            } else {
                state = .relative
                pointer -= 1
            }
        case .pathOrAuthority:
            if c == "/" {
                state = .authority
            } else {
                state = .path
                pointer -= 1
            }
        case .relative:
            let base = base!
            setScheme(base.scheme)
            if c == "/" || (isSpecial && c == "\\") {
                state = .relativeSlash
            } else {
                copyAuthority(from: base)
                segments = base.segments
                url.query = base.query
                if !beginsQueryOrFragment(c), c != nil {
                    url.query = nil
                    shortenPath()
                    state = .path
                    pointer -= 1
                }
            }
        case .relativeSlash:
            if isSpecial && (c == "/" || c == "\\") {
                state = .specialAuthorityIgnoreSlashes
            } else if c == "/" {
                state = .authority
            } else {
                copyAuthority(from: base!)
                state = .path
                pointer -= 1
            }
        case .specialAuthoritySlashes:
            state = .specialAuthorityIgnoreSlashes
            if c == "/" && remaining(startsWith: "/") {
                pointer += 1
            } else {
                pointer -= 1
            }
        case .specialAuthorityIgnoreSlashes:
            if c != "/" && c != "\\" {
                state = .authority
                pointer -= 1
            }
        case .authority:
            if c == "@" {
                if atSignSeen { buffer = "%40" + buffer }
                atSignSeen = true
                for scalar in buffer.unicodeScalars {
                    if scalar == ":" && !passwordTokenSeen {
                        passwordTokenSeen = true
                        continue
                    }
                    if passwordTokenSeen {
                        url.password.appendPercentEncoded(scalar, .userinfo)
                    } else {
                        url.username.appendPercentEncoded(scalar, .userinfo)
                    }
                }
                buffer = ""
            } else if endsAuthority(c) {
                if atSignSeen && buffer.isEmpty { return false }
                pointer -= buffer.unicodeScalars.count + 1
                buffer = ""
                state = .host
            } else {
                buffer.unicodeScalars.append(c!)
            }
        case .host:
            if c == ":" && !insideBrackets {
                guard !buffer.isEmpty, let host = URLHost.parse(Substring(buffer), isOpaque: !isSpecial) else { return false }
                url.host = host
                buffer = ""
                state = .port
            } else if endsAuthority(c) {
                pointer -= 1
                if isSpecial && buffer.isEmpty { return false }
                if buffer.isEmpty {
                    url.host = .empty
                } else {
                    guard let host = URLHost.parse(Substring(buffer), isOpaque: !isSpecial) else { return false }
                    url.host = host
                }
                buffer = ""
                state = .pathStart
            } else {
                if c == "[" { insideBrackets = true }
                if c == "]" { insideBrackets = false }
                buffer.unicodeScalars.append(c!)
            }
        case .port:
            if let c, c.isASCIIDigit {
                buffer.unicodeScalars.append(c)
            } else if endsAuthority(c) {
                if !buffer.isEmpty {
                    let digits = buffer.drop { $0 == "0" }
                    guard digits.count <= 5, let port = Int(digits.isEmpty ? "0" : digits), port <= 65_535 else { return false }
                    url.port = port == WebURL.specialSchemes[url.scheme] ?? nil ? nil : port
                    buffer = ""
                }
                state = .pathStart
                pointer -= 1
            } else {
                return false
            }
        case .file:
            setScheme("file")
            url.host = .empty
            if c == "/" || c == "\\" {
                state = .fileSlash
            } else if let base, base.scheme == "file" {
                url.host = base.host
                segments = base.segments
                url.query = base.query
                if !beginsQueryOrFragment(c), c != nil {
                    url.query = nil
                    if startsWithWindowsDriveLetter(at: pointer) {
                        segments = []
                    } else {
                        shortenPath()
                    }
                    state = .path
                    pointer -= 1
                }
            } else {
                state = .path
                pointer -= 1
            }
        case .fileSlash:
            if c == "/" || c == "\\" {
                state = .fileHost
            } else {
                if let base, base.scheme == "file" {
                    url.host = base.host
                    if !startsWithWindowsDriveLetter(at: pointer), let first = base.segments.first,
                       Self.isWindowsDriveLetter(first, normalized: true) {
                        segments.append(first)
                    }
                }
                state = .path
                pointer -= 1
            }
        case .fileHost:
            if c == nil || c == "/" || c == "\\" || c == "?" || c == "#" {
                pointer -= 1
                if Self.isWindowsDriveLetter(buffer, normalized: false) {
                    // The buffer is not reset: the path state takes it as the drive letter.
                    state = .path
                } else if buffer.isEmpty {
                    url.host = .empty
                    state = .pathStart
                } else {
                    guard var host = URLHost.parse(Substring(buffer), isOpaque: !isSpecial) else { return false }
                    if host == .domain("localhost") { host = .empty }
                    url.host = host
                    buffer = ""
                    state = .pathStart
                }
            } else {
                buffer.unicodeScalars.append(c!)
            }
        case .pathStart:
            if isSpecial {
                state = .path
                if c != "/" && c != "\\" { pointer -= 1 }
            } else if !beginsQueryOrFragment(c), c != nil {
                state = .path
                if c != "/" { pointer -= 1 }
            }
        case .path:
            let slash = c == "/" || (isSpecial && c == "\\")
            if c == nil || slash || c == "?" || c == "#" {
                if Self.isDoubleDot(buffer) {
                    shortenPath()
                    if !slash { segments.append("") }
                } else if Self.isSingleDot(buffer) {
                    if !slash { segments.append("") }
                } else {
                    if url.scheme == "file", segments.isEmpty, Self.isWindowsDriveLetter(buffer, normalized: false) {
                        buffer = String(buffer.prefix(1)) + ":"
                    }
                    segments.append(buffer)
                }
                buffer = ""
                _ = beginsQueryOrFragment(c)
            } else {
                buffer.appendPercentEncoded(c!, .path)
            }
        case .opaquePath:
            if c == " " {
                // A space right before `?` or `#` is encoded, so that it survives serialisation.
                let next = character(at: pointer + 1)
                opaquePath! += next == "?" || next == "#" ? "%20" : " "
            } else if !beginsQueryOrFragment(c), let c {
                opaquePath!.appendPercentEncoded(c, .c0Control)
            }
        case .query:
            if c == "#" || c == nil {
                let set: PercentEncodeSet = isSpecial ? .specialQuery : .query
                var query = url.query ?? ""
                for scalar in buffer.unicodeScalars { query.appendPercentEncoded(scalar, set) }
                url.query = query
                buffer = ""
                if c == "#" {
                    url.fragment = ""
                    state = .fragment
                }
            } else {
                buffer.unicodeScalars.append(c!)
            }
        case .fragment:
            if let c {
                var fragment = url.fragment ?? ""
                fragment.appendPercentEncoded(c, .fragment)
                url.fragment = fragment
            }
        }
        return true
    }

    /// `?` starts the query and `#` the fragment, in each state that reads a path; true when `c`
    /// was one of them.
    private mutating func beginsQueryOrFragment(_ c: Unicode.Scalar?) -> Bool {
        if c == "?" {
            url.query = ""
            state = .query
            return true
        }
        if c == "#" {
            url.fragment = ""
            state = .fragment
            return true
        }
        return false
    }

    private mutating func setScheme(_ scheme: String) {
        url.scheme = scheme
        isSpecial = WebURL.specialSchemes[scheme] != nil
    }

    /// The end of the authority: end of input, `/`, `?`, `#`, or `\` in a special URL.
    private func endsAuthority(_ c: Unicode.Scalar?) -> Bool {
        c == nil || c == "/" || c == "?" || c == "#" || (isSpecial && c == "\\")
    }

    private mutating func copyAuthority(from base: WebURL) {
        url.username = base.username
        url.password = base.password
        url.host = base.host
        url.port = base.port
    }

    private mutating func shortenPath() {
        if url.scheme == "file", segments.count == 1, Self.isWindowsDriveLetter(segments[0], normalized: true) { return }
        if !segments.isEmpty { segments.removeLast() }
    }

    private func startsWithWindowsDriveLetter(at position: Int) -> Bool {
        guard let first = character(at: position), let second = character(at: position + 1),
              first.isASCIILetter, second == ":" || second == "|"
        else { return false }
        guard let third = character(at: position + 2) else { return true }
        return third == "/" || third == "\\" || third == "?" || third == "#"
    }

    private static func isWindowsDriveLetter(_ text: String, normalized: Bool) -> Bool {
        let scalars = Array(text.unicodeScalars)
        return scalars.count == 2 && scalars[0].isASCIILetter && (scalars[1] == ":" || (!normalized && scalars[1] == "|"))
    }

    static func isSingleDot(_ text: String) -> Bool {
        text == "." || text.lowercased() == "%2e"
    }

    static func isDoubleDot(_ text: String) -> Bool {
        switch text.lowercased() {
        case "..", ".%2e", "%2e.", "%2e%2e": true
        default: false
        }
    }
}

extension WebURL {
    /// The path's segments; none for an opaque path.
    var segments: [String] {
        if case .segments(let segments) = path { return segments }
        return []
    }
}

private extension Unicode.Scalar {
    var isASCIILetter: Bool { (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value) }
    var isASCIIDigit: Bool { (0x30...0x39).contains(value) }
    var lowercased: Unicode.Scalar { (0x41...0x5A).contains(value) ? Unicode.Scalar(value + 0x20)! : self }
}
