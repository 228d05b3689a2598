import CLibXML2

/// Receives the tree libxml2's HTML parser builds, in document order.
public protocol HTMLTreeVisitor: AnyObject {
    /// An element and its attributes (names as libxml2 gives them: lower case), in source order.
    /// Returns the element's number, which XPath results over the kept document give back.
    func open(_ name: String, attributes: [(name: String, value: [UInt8])]) -> Int
    /// A text node's (or a CDATA section's) UTF-8 bytes.
    func text(_ bytes: [UInt8])
    /// The last element opened and not yet closed has no more children.
    func close()
}

/// libxml2's own HTML parser (`htmlReadMemory`): the tree an lxml-based scraper sees, with
/// libxml2's HTML 4 rules for what closes what, where HTML5's differ. The document is parsed
/// and walked in C; only names, values and text cross into Swift.
public enum HTMLTreeReader {
    /// Parses `utf8` (in-document charset declarations are ignored) and reports its tree to
    /// `visitor`. Returns false when libxml2 built no document at all.
    @discardableResult
    public static func read(_ utf8: [UInt8], into visitor: some HTMLTreeVisitor) -> Bool {
        read(utf8, into: visitor, kept: nil)
    }

    /// Parses and reports the tree as `read(_:into:)` does, and keeps libxml2's document for
    /// XPath, its elements numbered as `visitor` numbered them; nil when none was built.
    public static func readKeepingDocument(_ utf8: [UInt8], into visitor: some HTMLTreeVisitor) -> XPathDocument? {
        var kept: OpaquePointer?
        guard read(utf8, into: visitor, kept: &kept), let kept else { return nil }
        return XPathDocument(handle: kept)
    }

    private static func read(_ utf8: [UInt8], into visitor: some HTMLTreeVisitor, kept: UnsafeMutablePointer<OpaquePointer?>?) -> Bool {
        XMLLibrary.initialize()
        let box = VisitorBox(visitor)
        return withExtendedLifetime(box) {
            var handler = scrape_html_tree_handler(
                context: Unmanaged.passUnretained(box).toOpaque(),
                open: { context, name, names, values, lengths, count in
                    var attributes: [(name: String, value: [UInt8])] = []
                    attributes.reserveCapacity(count)
                    for index in 0..<count {
                        guard let name = names?[index], let value = values?[index], let length = lengths?[index] else { continue }
                        attributes.append((String(cString: name), Array(UnsafeRawBufferPointer(start: value, count: length))))
                    }
                    return VisitorBox.from(context).visitor.open(name.map { String(cString: $0) } ?? "", attributes: attributes)
                },
                text: { context, text, length in
                    guard let text else { return }
                    let bytes = UnsafeRawBufferPointer(start: text, count: length)
                    VisitorBox.from(context).visitor.text(Array(bytes))
                },
                close: { context in
                    VisitorBox.from(context).visitor.close()
                })
            return utf8.withUnsafeBufferPointer { bytes in scrape_html_tree_read(bytes.baseAddress, bytes.count, &handler, kept) } == 0
        }
    }

    /// The visitor behind the C context pointer.
    private final class VisitorBox {
        let visitor: any HTMLTreeVisitor

        init(_ visitor: any HTMLTreeVisitor) {
            self.visitor = visitor
        }

        static func from(_ context: UnsafeMutableRawPointer?) -> VisitorBox {
            Unmanaged<VisitorBox>.fromOpaque(context!).takeUnretainedValue()
        }
    }
}
