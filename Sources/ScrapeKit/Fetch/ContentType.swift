/// The media type of a `Content-Type` header, and the charset parameter it may carry.
struct ContentType: Sendable, Equatable {
    /// Lower-case `type/subtype`, empty when the header is missing or malformed.
    var mediaType: String
    var charset: String?

    init(_ header: String?) {
        guard let header else {
            mediaType = ""
            return
        }
        let parts = header.split(separator: ";", omittingEmptySubsequences: false)
        let type = parts.first.map { $0.trimmingASCIISpaces().lowercased() } ?? ""
        // The byte, not Foundation's substring search, which costs more than the rest together.
        mediaType = type.utf8.contains(UInt8(ascii: "/")) ? type : ""
        for parameter in parts.dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingASCIISpaces().lowercased() == "charset" else { continue }
            var value = pair[1].trimmingASCIISpaces()
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            charset = value
            break
        }
    }

    /// HTML, or unknown and so worth parsing: servers often omit or garble the header on real pages.
    var isHTMLOrUnknown: Bool {
        mediaType.isEmpty || mediaType == "text/html" || mediaType == "application/xhtml+xml"
    }
}

extension StringProtocol {
    func trimmingASCIISpaces() -> String {
        let bytes = Array(utf8)
        guard let first = bytes.firstIndex(where: { !$0.isHTMLSpace }),
              let last = bytes.lastIndex(where: { !$0.isHTMLSpace }) else { return "" }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }
}
