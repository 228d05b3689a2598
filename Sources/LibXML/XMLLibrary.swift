import CLibXML2

/// libxml2 as a whole: it asks for `xmlInitParser` before parsing starts on several threads.
enum XMLLibrary {
    /// A `static let` runs it once, on whichever thread parses first, with the other threads
    /// waiting on the initializer's lock, which is all libxml2 needs: no main thread is involved.
    private static let initialized: Void = scrape_xml_initialize()

    static func initialize() {
        _ = initialized
    }
}
