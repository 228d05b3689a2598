/// The insertion modes of HTML5 tree construction.
enum InsertionMode {
    case initial, beforeHTML, beforeHead, inHead, inHeadNoscript, afterHead, inBody, text
    case inTable, inCaption, inColumnGroup, inTableBody, inRow, inCell, inTemplate
    case afterBody, afterAfterBody, inFrameset, afterFrameset, afterAfterFrameset
}
