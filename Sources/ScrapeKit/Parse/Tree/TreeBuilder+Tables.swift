/// The table insertion modes: table, caption, column group, table body, row and cell.
extension TreeBuilder {
    mutating func tableStartTag(_ tag: TagToken, in mode: InsertionMode) {
        let name = tag.name
        switch mode {
        case .inCaption:
            guard tag.kind.contains(.tableStructure) else { return bodyStartTag(tag) }
            guard closeCaption() else { return }
            startTag(tag, in: self.mode)
        case .inColumnGroup:
            switch name {
            case "html": bodyStartTag(tag)
            case "col": insertVoid(tag)
            case "template": _ = headStartTag(tag)
            default:
                guard isHTML(current, "colgroup") else { return }
                leave(mode)
                startTag(tag, in: self.mode)
            }
        case .inTableBody:
            switch name {
            case "tr":
                clearStack(toContextOf: .tableBodyContext)
                insertHTML(tag)
                self.mode = .inRow
            case "th", "td":
                clearStack(toContextOf: .tableBodyContext)
                insertHTML(TagToken(name: "tr"))
                self.mode = .inRow
                startTag(tag, in: .inRow)
            case "caption", "col", "colgroup", "tbody", "tfoot", "thead":
                guard closeTableSection() else { return }
                startTag(tag, in: self.mode)
            default: tableStartTag(tag, in: .inTable)
            }
        case .inRow:
            switch name {
            case "th", "td":
                clearStack(toContextOf: .rowContext)
                insertHTML(tag)
                self.mode = .inCell
                formatting.append(.marker)
            case "caption", "col", "colgroup", "tbody", "tfoot", "thead", "tr":
                guard closeRow() else { return }
                startTag(tag, in: self.mode)
            default: tableStartTag(tag, in: .inTable)
            }
        case .inCell:
            guard tag.kind.contains(.tableStructure) else { return bodyStartTag(tag) }
            guard inScope("td", .table) || inScope("th", .table) else { return }
            closeCell()
            startTag(tag, in: self.mode)
        default:
            inTableStartTag(tag)
        }
    }

    private mutating func inTableStartTag(_ tag: TagToken) {
        switch tag.name {
        case "caption":
            clearStack(toContextOf: .tableContext)
            formatting.append(.marker)
            insertHTML(tag)
            mode = .inCaption
        case "colgroup":
            clearStack(toContextOf: .tableContext)
            insertHTML(tag)
            mode = .inColumnGroup
        case "col":
            clearStack(toContextOf: .tableContext)
            insertHTML(TagToken(name: "colgroup"))
            mode = .inColumnGroup
            startTag(tag, in: .inColumnGroup)
        case "tbody", "tfoot", "thead":
            clearStack(toContextOf: .tableContext)
            insertHTML(tag)
            mode = .inTableBody
        case "td", "th", "tr":
            clearStack(toContextOf: .tableContext)
            insertHTML(TagToken(name: "tbody"))
            mode = .inTableBody
            startTag(tag, in: .inTableBody)
        case "table":
            guard inScope("table", .table) else { return }
            popUntil("table")
            resetInsertionMode()
            startTag(tag, in: mode)
        case "style", "script", "template":
            _ = headStartTag(tag)
        case "input" where tree.value(named: "type", in: tag.attributes)?.lowercased() == "hidden":
            insertVoid(tag)
        case "form":
            guard formElement == nil, !stack.contains(where: { isHTML($0, "template") }) else { return }
            formElement = insertHTML(tag)
            stack.removeLast()
        default:
            fosterParenting = true
            bodyStartTag(tag)
            fosterParenting = false
        }
    }

    mutating func tableEndTag(_ tag: TagToken, in mode: InsertionMode) {
        let name = tag.name
        switch mode {
        case .inCaption:
            switch name {
            case "caption": _ = closeCaption()
            case "table":
                guard closeCaption() else { return }
                endTag(tag, in: self.mode)
            case "body", "col", "colgroup", "html", "tbody", "td", "tfoot", "th", "thead", "tr": break
            default: bodyEndTag(tag)
            }
        case .inColumnGroup:
            switch name {
            case "colgroup":
                if isHTML(current, "colgroup") { leave(mode) }
            case "col": break
            case "template": templateEndTag()
            default:
                guard isHTML(current, "colgroup") else { return }
                leave(mode)
                endTag(tag, in: self.mode)
            }
        case .inTableBody:
            switch name {
            case "tbody", "tfoot", "thead":
                guard inScope(name, .table) else { return }
                clearStack(toContextOf: .tableBodyContext)
                stack.removeLast()
                self.mode = .inTable
            case "table":
                guard closeTableSection() else { return }
                endTag(tag, in: self.mode)
            case "body", "caption", "col", "colgroup", "html", "td", "th", "tr": break
            default: tableEndTag(tag, in: .inTable)
            }
        case .inRow:
            switch name {
            case "tr": _ = closeRow()
            case "table":
                guard closeRow() else { return }
                endTag(tag, in: self.mode)
            case "tbody", "tfoot", "thead":
                guard inScope(name, .table), closeRow() else { return }
                endTag(tag, in: self.mode)
            case "body", "caption", "col", "colgroup", "html", "td", "th": break
            default: tableEndTag(tag, in: .inTable)
            }
        case .inCell:
            switch name {
            case "td", "th":
                guard inScope(name, .table) else { return }
                generateImpliedEndTags()
                popUntil(name)
                clearFormattingToMarker()
                self.mode = .inRow
            case "body", "caption", "col", "colgroup", "html": break
            case "table", "tbody", "tfoot", "thead", "tr":
                guard inScope(name, .table) else { return }
                closeCell()
                endTag(tag, in: self.mode)
            default: bodyEndTag(tag)
            }
        default:
            switch name {
            case "table":
                guard inScope("table", .table) else { return }
                popUntil("table")
                resetInsertionMode()
            case "body", "caption", "col", "colgroup", "html", "tbody", "td", "tfoot", "th", "thead", "tr": break
            case "template": templateEndTag()
            default:
                fosterParenting = true
                bodyEndTag(tag)
                fosterParenting = false
            }
        }
    }

    private mutating func clearStack(toContextOf context: ElementCategories.Kind) {
        while let node = stack.last, !isHTML(node, context) { stack.removeLast() }
    }

    private mutating func closeCaption() -> Bool {
        guard inScope("caption", .table) else { return false }
        generateImpliedEndTags()
        popUntil("caption")
        clearFormattingToMarker()
        mode = .inTable
        return true
    }

    private mutating func closeTableSection() -> Bool {
        guard inScope("tbody", .table) || inScope("thead", .table) || inScope("tfoot", .table) else { return false }
        clearStack(toContextOf: .tableBodyContext)
        stack.removeLast()
        mode = .inTable
        return true
    }

    private mutating func closeRow() -> Bool {
        guard inScope("tr", .table) else { return false }
        clearStack(toContextOf: .rowContext)
        stack.removeLast()
        mode = .inTableBody
        return true
    }

    private mutating func closeCell() {
        let cell = inScope("td", .table) ? "td" : "th"
        generateImpliedEndTags()
        popUntil(cell)
        clearFormattingToMarker()
        mode = .inRow
    }
}
