import CLibXML2

/// XPath 1.0, by libxml2's own engine (`xmlXPathEval`).
///
/// The prefixes `svg`, `math` and `xlink` are bound to their namespaces, so `//svg:rect` and
/// `//svg:use/@xlink:href` find SVG's elements and attributes.
public enum XPath {
    /// Why an expression cannot be used: libxml2's message, and where in the expression (in
    /// UTF-8 bytes) compiling it stopped; nil when it compiled and evaluating it failed.
    public struct SyntaxError: Error, Equatable, Sendable {
        public var message: String
        public var position: Int?
    }

    /// One item of a result: an element (by the number its document gave it), an attribute of
    /// one, or a string.
    public enum Item: Equatable, Sendable {
        case element(Int)
        case attribute(element: Int, name: String, value: String)
        case value(String)
    }

    /// Why evaluating stopped without a result.
    public enum Failure: Error, Equatable, Sendable {
        /// The step or byte limit was reached.
        case limit
        /// libxml2's message, e.g. an unknown function or an undefined namespace prefix.
        case error(String)
    }

    /// The error an expression gives when compiled, or when evaluated once over an empty
    /// document (which finds unknown functions and prefixes in most places); nil if none.
    public static func check(_ expression: String) -> SyntaxError? {
        XMLLibrary.initialize()
        var message = [CChar](repeating: 0, count: 512)
        var position: Int32 = 0
        guard scrape_xpath_check(expression, &message, message.count, &position) != 0 else { return nil }
        return SyntaxError(message: string(message), position: position >= 0 ? Int(position) : nil)
    }

    /// The result of `expression` over `document`: a node-set's nodes in document order (elements
    /// as elements, any other node as its string value), or a string, number or boolean as one
    /// value, written as XPath's `string()` writes it. At most `stepLimit` of libxml2's steps and
    /// `byteLimit` bytes of allocation are spent, so no expression holds a thread for long.
    public static func evaluate(_ expression: String, in document: XPathDocument, stepLimit: Int,
                                byteLimit: Int) -> Result<[Item], Failure> {
        final class Collector {
            var items: [Item] = []
        }
        let collector = Collector()
        var message = [CChar](repeating: 0, count: 512)
        let status = withExtendedLifetime(collector) {
            var handler = scrape_xpath_handler(
                context: Unmanaged.passUnretained(collector).toOpaque(),
                element: { context, number in
                    Unmanaged<Collector>.fromOpaque(context!).takeUnretainedValue().items.append(.element(number))
                },
                attribute: { context, number, name, value, length in
                    let value = String(decoding: UnsafeRawBufferPointer(start: value, count: length), as: UTF8.self)
                    let item = Item.attribute(element: number, name: name.map { String(cString: $0) } ?? "", value: value)
                    Unmanaged<Collector>.fromOpaque(context!).takeUnretainedValue().items.append(item)
                },
                value: { context, text, length in
                    let value = String(decoding: UnsafeRawBufferPointer(start: text, count: length), as: UTF8.self)
                    Unmanaged<Collector>.fromOpaque(context!).takeUnretainedValue().items.append(.value(value))
                })
            return scrape_xpath_evaluate(document.handle, expression, UInt(max(stepLimit, 1)), max(byteLimit, 0),
                                         &handler, &message, message.count)
        }
        switch status {
        case 0: return .success(collector.items)
        case 1: return .failure(.limit)
        default: return .failure(.error(string(message)))
        }
    }

    /// The NUL-terminated text a C function wrote into `buffer`.
    private static func string(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
