import CLibXML2

/// Runs libxml2's HTML parser over a UTF-8 document and reports every tag it sees or implies.
///
/// Only tags cross into Swift, named by `String`s that fit inline (element names are short), so
/// the cost per tag stays a call and no allocation.
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
                DelegateBox.from(context).delegate.startTag(DelegateBox.string(name, length), offset: offset)
            },
            end: { context, name, length, offset in
                DelegateBox.from(context).delegate.endTag(DelegateBox.string(name, length), offset: offset)
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
    static func string(_ name: UnsafePointer<UInt8>?, _ length: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: name, count: length), as: UTF8.self)
    }
}
