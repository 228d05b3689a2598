import CLibXML2

/// Reads sitemaps (sitemaps.org) with libxml2's streaming XML reader: no tree is built, so a
/// 50,000-URL file costs its own bytes and little more.
public enum SitemapReader {
    /// What one sitemap file holds.
    public struct Contents: Sendable, Equatable {
        /// The root is `<sitemapindex>`: the locations are further sitemaps, not pages.
        public var isIndex = false
        /// The `<loc>` of each `<url>` (or `<sitemap>`), trimmed, in document order.
        public var locations: [String] = []
        /// The file was not well-formed XML; `locations` holds those read before the fault.
        public var isMalformed = false

        public init(isIndex: Bool = false, locations: [String] = [], isMalformed: Bool = false) {
            self.isIndex = isIndex
            self.locations = locations
            self.isMalformed = isMalformed
        }
    }

    /// The contents of `xml`, at most `limit` locations (the protocol allows 50,000 a file).
    public static func read(_ xml: [UInt8], limit: Int = 50_000) -> Contents {
        XMLLibrary.initialize()
        final class Collector {
            var locations: [String] = []
            let limit: Int
            init(limit: Int) { self.limit = limit }
        }
        let collector = Collector(limit: limit)
        var isIndex: Int32 = 0
        let status = withExtendedLifetime(collector) {
            var handler = scrape_sitemap_handler(context: Unmanaged.passUnretained(collector).toOpaque()) { context, text, length in
                let collector = Unmanaged<Collector>.fromOpaque(context!).takeUnretainedValue()
                let location = String(decoding: UnsafeBufferPointer(start: text, count: length), as: UTF8.self)
                    .trimmingXMLSpace
                if !location.isEmpty { collector.locations.append(location) }
                return collector.locations.count >= collector.limit ? 1 : 0
            }
            return xml.withUnsafeBufferPointer { bytes in scrape_sitemap_read(bytes.baseAddress, bytes.count, &handler, &isIndex) }
        }
        return Contents(isIndex: isIndex != 0, locations: collector.locations, isMalformed: status < 0)
    }
}

private extension String {
    var trimmingXMLSpace: String {
        let space: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        return String(drop(while: space).reversed().drop(while: space).reversed())
    }
}
