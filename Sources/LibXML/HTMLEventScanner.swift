import CLibXML2

/// Runs libxml2's HTML parser over a UTF-8 document and reports every tag it sees or implies.
///
/// Only tags cross into Swift, named by `String`s that fit inline (element names are short) and
/// are made once per name and parse, so the cost per tag stays a call and no allocation.
public struct HTMLEventScanner: Sendable {
    public init() {
        XMLLibrary.initialize()
    }

    /// Parses `document`, which must be UTF-8 (in-document charset declarations are ignored).
    /// Returns false only when libxml2 could not start a parse.
    ///
    /// The document is fed to libxml2's push parser in pieces that end where the delegate asks
    /// to pause, and bytes the delegate says it has read itself are left out: libxml2 copies the
    /// content of a `<script>` a character at a time (a third of its time on real pages) into
    /// text we do not take from it. Offsets reported are the document's, skips counted in.
    @discardableResult
    public func scan(_ document: [UInt8], delegate: some HTMLEventDelegate) -> Bool {
        let box = DelegateBox(delegate)
        var handler = scrape_html_handler(
            context: Unmanaged.passUnretained(box).toOpaque(),
            start: { context, name, length, offset in
                let box = DelegateBox.from(context)
                box.delegate.startTag(box.string(name, length), offset: offset + box.skipped)
            },
            end: { context, name, length, offset in
                let box = DelegateBox.from(context)
                box.delegate.endTag(box.string(name, length), offset: offset + box.skipped)
            }
        )
        return withExtendedLifetime(box) {
            withUnsafePointer(to: &handler) { handler in
                document.withUnsafeBufferPointer { bytes in
                    guard let push = scrape_html_push_start(handler) else { return false }
                    defer { scrape_html_push_end(push) }
                    var fed = 0
                    while fed < bytes.count {
                        let pause = min(max(delegate.pause(after: fed), fed + 1), bytes.count)
                        scrape_html_push_feed(push, bytes.baseAddress! + fed, pause - fed, 0)
                        fed = pause
                        let resumption = min(max(delegate.resumption(at: fed), fed), bytes.count)
                        box.skipped += resumption - fed
                        fed = resumption
                    }
                    scrape_html_push_feed(push, bytes.baseAddress, 0, 1)
                    return true
                }
            }
        }
    }
}

/// Carries the delegate through libxml2's `void *` context.
private final class DelegateBox {
    let delegate: any HTMLEventDelegate
    /// Bytes left out of what libxml2 was fed so far: its offsets plus these are the document's.
    @exclusivity(unchecked) var skipped = 0
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
