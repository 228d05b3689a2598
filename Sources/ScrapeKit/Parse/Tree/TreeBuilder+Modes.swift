/// The insertion modes outside the body and tables: before `<html>`, the head, `text`,
/// `<template>`, after the body and framesets.
extension TreeBuilder {
    mutating func startTag(_ tag: TagToken, in mode: InsertionMode) {
        switch mode {
        case .initial, .beforeHTML:
            if mode == .beforeHTML, tag.name == "html" {
                let html = tree.makeElement("html", .html, attributes: tag.attributes)
                tree.insert(html, into: DocumentTree.document)
                stack.append(html)
                self.mode = .beforeHead
                return
            }
            leave(mode)
            startTag(tag, in: self.mode)
        case .beforeHead:
            switch tag.name {
            case "html": bodyStartTag(tag)
            case "head":
                headElement = insertHTML(tag)
                self.mode = .inHead
            default:
                leave(mode)
                startTag(tag, in: self.mode)
            }
        case .inHead:
            if !headStartTag(tag) {
                leave(mode)
                startTag(tag, in: self.mode)
            }
        case .inHeadNoscript:
            switch tag.name {
            case "html": bodyStartTag(tag)
            case "basefont", "bgsound", "link", "meta", "noframes", "style": _ = headStartTag(tag)
            case "head", "noscript": break
            default:
                leave(mode)
                startTag(tag, in: self.mode)
            }
        case .afterHead:
            switch tag.name {
            case "html": bodyStartTag(tag)
            case "body":
                insertHTML(tag)
                framesetOK = false
                self.mode = .inBody
            case "frameset":
                insertHTML(tag)
                self.mode = .inFrameset
            case _ where tag.kind.contains(.headContent):
                guard let head = headElement else { return }
                stack.append(head)
                _ = headStartTag(tag)
                removeFromStack(head)
            case "head": break
            default:
                leave(mode)
                startTag(tag, in: self.mode)
            }
        case .inBody: bodyStartTag(tag)
        case .text: break
        case .inTable, .inCaption, .inColumnGroup, .inTableBody, .inRow, .inCell:
            tableStartTag(tag, in: mode)
        case .inTemplate: templateStartTag(tag)
        case .afterBody, .afterAfterBody:
            if tag.name == "html" { return bodyStartTag(tag) }
            self.mode = .inBody
            bodyStartTag(tag)
        case .inFrameset, .afterFrameset, .afterAfterFrameset:
            switch tag.name {
            case "html": bodyStartTag(tag)
            case "frameset" where mode == .inFrameset: insertHTML(tag)
            case "frame" where mode == .inFrameset: insertVoid(tag)
            case "noframes": _ = headStartTag(tag)
            default: break
            }
        }
    }

    mutating func endTag(_ tag: TagToken, in mode: InsertionMode) {
        let name = tag.name
        switch mode {
        case .initial, .beforeHTML, .beforeHead:
            guard ["head", "body", "html", "br"].contains(name) else { return }
            leave(mode)
            endTag(tag, in: self.mode)
        case .inHead:
            switch name {
            case "head":
                stack.removeLast()
                self.mode = .afterHead
            case "body", "html", "br":
                leave(mode)
                endTag(tag, in: self.mode)
            case "template": templateEndTag()
            default: break
            }
        case .inHeadNoscript:
            if name == "noscript" {
                leave(mode)
            } else if name == "br" {
                leave(mode)
                endTag(tag, in: self.mode)
            }
        case .afterHead:
            switch name {
            case "template": templateEndTag()
            case "body", "html", "br":
                leave(mode)
                endTag(tag, in: self.mode)
            default: break
            }
        case .inBody: bodyEndTag(tag)
        case .text:
            stack.removeLast()
            self.mode = originalMode
        case .inTable, .inCaption, .inColumnGroup, .inTableBody, .inRow, .inCell:
            tableEndTag(tag, in: mode)
        case .inTemplate:
            if name == "template" { templateEndTag() }
        case .afterBody:
            if name == "html" {
                self.mode = .afterAfterBody
            } else {
                self.mode = .inBody
                bodyEndTag(tag)
            }
        case .afterAfterBody:
            self.mode = .inBody
            bodyEndTag(tag)
        case .inFrameset:
            // The root `<html>` is never popped.
            guard name == "frameset", stack.count > 1 else { return }
            stack.removeLast()
            if !isHTML(current, "frameset") { self.mode = .afterFrameset }
        case .afterFrameset:
            if name == "html" { self.mode = .afterAfterFrameset }
        case .afterAfterFrameset:
            break
        }
    }

    /// The "in head" rules for start tags, which other modes borrow; false for "anything else".
    mutating func headStartTag(_ tag: TagToken) -> Bool {
        switch tag.name {
        case "html": bodyStartTag(tag)
        case "base", "basefont", "bgsound", "link", "meta": insertVoid(tag)
        case "title": insertTextElement(tag, .rcdata)
        case "noframes", "style": insertTextElement(tag, .rawText)
        case "noscript":
            insertHTML(tag)
            mode = .inHeadNoscript
        case "script": insertTextElement(tag, .scriptData)
        case "template":
            insertHTML(tag)
            formatting.append(.marker)
            mode = .inTemplate
            templateModes.append(.inTemplate)
        case "head": break
        default: return false
        }
        return true
    }

    mutating func templateEndTag() {
        guard stack.contains(where: { isHTML($0, "template") }) else { return }
        generateImpliedEndTags()
        popUntil("template")
        clearFormattingToMarker()
        templateModes.removeLast()
        resetInsertionMode()
    }

    private mutating func templateStartTag(_ tag: TagToken) {
        let next: InsertionMode
        switch tag.name {
        case _ where tag.kind.contains(.headContent):
            _ = headStartTag(tag)
            return
        case "caption", "colgroup", "tbody", "tfoot", "thead": next = .inTable
        case "col": next = .inColumnGroup
        case "tr": next = .inTableBody
        case "td", "th": next = .inRow
        default: next = .inBody
        }
        templateModes.removeLast()
        templateModes.append(next)
        mode = next
        startTag(tag, in: next)
    }
}
