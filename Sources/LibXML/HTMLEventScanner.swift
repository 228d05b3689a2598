import CLibXML2

/// Runs libxml2's HTML parser over a UTF-8 document and reports every tag it sees or implies.
///
/// Only tags cross into Swift, named by `String`s that fit inline (element names are short) and
/// are made once per name and parse, so the cost per tag stays a call and no allocation.
public struct HTMLEventScanner: Sendable {
    /// libxml2 asks for `xmlInitParser` before parsing starts on several threads. A `static let`
    /// runs it once, on whichever thread scans first, with the other threads waiting on the
    /// initializer's lock, which is all libxml2 needs: no main thread is involved.
    private static let initialized: Void = scrape_xml_initialize()

    public init() {
        _ = Self.initialized
    }

    /// Parses `document`, which must be UTF-8 (in-document charset declarations are ignored).
    /// Returns false only when libxml2 could not start a parse.
    @discardableResult
    public func scan(_ document: [UInt8], delegate: some HTMLEventDelegate) -> Bool {
        let box = DelegateBox(delegate)
        let context = Unmanaged.passUnretained(box).toOpaque()
        var handler = scrape_html_handler(
            context: context,
            start: { context, name, length, offset in
                let box = DelegateBox.from(context)
                box.delegate.startTag(box.string(name, length), offset: offset)
            },
            end: { context, name, length, offset in
                let box = DelegateBox.from(context)
                box.delegate.endTag(box.string(name, length), offset: offset)
            }
        )
        let status = withExtendedLifetime(box) {
            document.withUnsafeBufferPointer { bytes in
                scrape_html_scan(bytes.baseAddress, bytes.count, &handler)
            }
        }
        return status == 0
    }
}

/// Carries the delegate through libxml2's `void *` context.
private final class DelegateBox {
    let delegate: any HTMLEventDelegate
    init(_ delegate: any HTMLEventDelegate) { self.delegate = delegate }
    static func from(_ context: UnsafeMutableRawPointer?) -> DelegateBox {
        Unmanaged<DelegateBox>.fromOpaque(context!).takeUnretainedValue()
    }
    /// libxml2 names elements from its parser's dictionary, one pointer per name for the whole
    /// parse, so a few slots keyed by that pointer turn most names into `String`s just once.
    /// Unchecked exclusivity: one thread owns a box for one parse, and nothing else reaches it.
    @exclusivity(unchecked)
    private var names = [(pointer: UnsafePointer<UInt8>?, name: String)](repeating: (nil, ""), count: 64)

    func string(_ name: UnsafePointer<UInt8>?, _ length: Int) -> String {
        let slot = Int(bitPattern: UInt(bitPattern: name) >> 3) & (names.count - 1)
        if names[slot].pointer == name, name != nil { return names[slot].name }
        let string = String(decoding: UnsafeBufferPointer(start: name, count: length), as: UTF8.self)
        names[slot] = (name, string)
        return string
    }
}
