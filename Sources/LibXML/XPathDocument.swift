import CLibXML2

/// A libxml2 document for XPath to run over: a mirror of another tree, built element by element
/// in document order, or the tree libxml2's own HTML parser built (`HTMLTreeReader`).
///
/// Each element carries a number its builder gave it (an index into the builder's own tree),
/// which XPath results hand back, so that a result is an element of the builder's tree.
public final class XPathDocument {
    /// Where an element's name lives: HTML elements are in no namespace, as in lxml's HTML trees;
    /// SVG and MathML elements in their own, as in a browser.
    public enum Namespace: Int32 {
        case none = 0, svg, mathml
    }

    let handle: OpaquePointer
    /// libxml2 ran out of memory while the document was built; it is then incomplete.
    public private(set) var failed = false

    init(handle: OpaquePointer) {
        self.handle = handle
    }

    /// An empty document; nil when libxml2 cannot allocate one.
    public convenience init?() {
        XMLLibrary.initialize()
        guard let handle = scrape_xml_document_new() else { return nil }
        self.init(handle: handle)
    }

    deinit {
        scrape_xml_document_free(handle)
    }

    /// Adds an element, numbered `number`, under the last element opened and not yet closed.
    public func open(_ name: String, namespace: Namespace, number: Int) {
        failed = failed || scrape_xml_document_open(handle, name, namespace.rawValue, number) != 0
    }

    /// Gives the element just opened an attribute; on SVG and MathML elements `xlink:` and `xml:`
    /// names go in their namespaces.
    public func attribute(_ name: String, value: ArraySlice<UInt8>) {
        let status = value.withUnsafeBufferPointer { bytes in
            scrape_xml_document_attribute(handle, name, bytes.baseAddress, bytes.count)
        }
        failed = failed || status != 0
    }

    /// Adds a text node to the element open (never merged with one just before it).
    public func text(_ bytes: ArraySlice<UInt8>) {
        let status = bytes.withUnsafeBufferPointer { bytes in scrape_xml_document_text(handle, bytes.baseAddress, bytes.count) }
        failed = failed || status != 0
    }

    /// The element open has no more children.
    public func close() {
        scrape_xml_document_close(handle)
    }
}
