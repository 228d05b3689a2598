import ScrapeSystem

/// Finds where the content of a raw-text element ends, as the HTML5 tokenizer decides it.
///
/// A script does not end at the first `</script` inside the escaped `<!-- <script> ... </script>
/// -->` form old pages use with `document.write`, and a script opened with `<script ... />` runs on
/// to its end tag. Reading the content from the source between the start tag and this end gives
/// the text exactly as a browser sees it.
enum RawTextScanner {
    /// Offset of the `<` of the end tag that closes `name`'s content starting at `start`, or the
    /// document's end.
    static func contentEnd(of name: String, in document: [UInt8], from start: Int) -> Int {
        let nameBytes = name.utf8
        switch name {
        case "plaintext": return document.count
        case "script": return scriptDataEnd(document, from: start, name: nameBytes)
        default:
            var index = start
            while let open = document.firstIndex(of: UInt8(ascii: "<"), from: index) {
                if isEndTag(document, at: open, name: nameBytes) { return open }
                index = open + 1
            }
            return document.count
        }
    }

    private enum ScriptState {
        case data, escaped, escapedDash, escapedDashDash, doubleEscaped, doubleEscapedDash, doubleEscapedDashDash
    }

    /// The script data states of the HTML5 tokenizer, reduced to what decides the end.
    private static func scriptDataEnd(_ document: [UInt8], from start: Int, name: String.UTF8View) -> Int {
        var state = ScriptState.data
        var index = start
        let count = document.count
        let lt = UInt8(ascii: "<"), dash = UInt8(ascii: "-"), gt = UInt8(ascii: ">")
        while index < count {
            let byte = document[index]
            switch state {
            case .data:
                guard byte == lt else {
                    // Nothing but `<` matters here: jump to the next one.
                    guard let next = document.firstIndex(of: lt, from: index + 1) else { return count }
                    index = next
                    continue
                }
                if isEndTag(document, at: index, name: name) { return index }
                if document.hasPrefix("!--", at: index + 1) {
                    state = .escapedDashDash
                    index += 4
                    continue
                }
            case .escaped, .escapedDash, .escapedDashDash:
                if byte == dash {
                    state = state == .escaped ? .escapedDash : .escapedDashDash
                } else if byte == lt {
                    if isEndTag(document, at: index, name: name) { return index }
                    if let after = tagName(document, at: index + 1, name: name) {
                        state = .doubleEscaped
                        index = after
                        continue
                    }
                    state = .escaped
                } else if byte == gt && state == .escapedDashDash {
                    state = .data
                } else {
                    state = .escaped
                }
            case .doubleEscaped, .doubleEscapedDash, .doubleEscapedDashDash:
                if byte == dash {
                    state = state == .doubleEscaped ? .doubleEscapedDash : .doubleEscapedDashDash
                } else if byte == lt {
                    if index + 1 < count, document[index + 1] == UInt8(ascii: "/"),
                       let after = tagName(document, at: index + 2, name: name) {
                        state = .escaped
                        index = after
                        continue
                    }
                    state = .doubleEscaped
                } else if byte == gt && state == .doubleEscapedDashDash {
                    state = .data
                } else {
                    state = .doubleEscaped
                }
            }
            index += 1
        }
        return count
    }

    /// True when `</name` followed by whitespace, `/` or `>` starts at `index`.
    private static func isEndTag(_ document: [UInt8], at index: Int, name: String.UTF8View) -> Bool {
        guard index + 1 < document.count, document[index] == UInt8(ascii: "<"),
              document[index + 1] == UInt8(ascii: "/") else { return false }
        return tagName(document, at: index + 2, name: name) != nil
    }

    /// If `name` (case-insensitive) followed by whitespace, `/` or `>` starts at `index`, the
    /// offset of that following byte.
    private static func tagName(_ document: [UInt8], at index: Int, name: String.UTF8View) -> Int? {
        // The name's bytes as one buffer: iterating a `String`'s `utf8` costs more than the compare.
        name.withContiguousStorageIfAvailable { tagName(document, at: index, name: $0) }
            ?? tagName(document, at: index, name: Array(name))
    }

    private static func tagName(_ document: [UInt8], at index: Int, name: some Collection<UInt8>) -> Int? {
        let after = index + name.count
        guard after < document.count else { return nil }
        var position = index
        for byte in name {
            guard document[position].asciiLowercased == byte else { return nil }
            position += 1
        }
        let next = document[after]
        return next.isHTMLSpace || next == UInt8(ascii: "/") || next == UInt8(ascii: ">") ? after : nil
    }
}
