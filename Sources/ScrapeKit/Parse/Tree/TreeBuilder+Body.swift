/// The "in body" insertion mode, where most of a page is built.
extension TreeBuilder {
    func bodyStartTag(_ tag: TagToken) {
        let name = tag.name
        switch name {
        case "html":
            guard !stack.contains(where: { isHTML($0, "template") }), let html = stack.first else { return }
            tree.addMissingAttributes(tag.attributes, to: html)
        case _ where ElementCategories.headContent.contains(name):
            _ = headStartTag(tag)
        case "body":
            guard stack.count > 1, isHTML(stack[1], "body"), !stack.contains(where: { isHTML($0, "template") }) else { return }
            tree.addMissingAttributes(tag.attributes, to: stack[1])
        case "frameset":
            break
        case _ where ElementCategories.closesParagraph.contains(name):
            closeParagraphInButtonScope()
            insertHTML(tag)
        case _ where ElementCategories.headings.contains(name):
            closeParagraphInButtonScope()
            if isHTML(current, in: ElementCategories.headings) { stack.removeLast() }
            insertHTML(tag)
        case "pre", "listing":
            closeParagraphInButtonScope()
            insertHTML(tag)
            skipNewline = true
        case "form":
            let inTemplate = stack.contains { isHTML($0, "template") }
            guard formElement == nil || inTemplate else { return }
            closeParagraphInButtonScope()
            let form = insertHTML(tag)
            if !inTemplate { formElement = form }
        case "li", "dd", "dt":
            let closes: Set<String> = name == "li" ? ["li"] : ["dd", "dt"]
            for node in stack.reversed() {
                if isHTML(node, in: closes) {
                    let open = tree[node].name
                    generateImpliedEndTags(except: open)
                    popUntil(open)
                    break
                }
                if isSpecial(node), !isHTML(node, in: ["address", "div", "p"]) { break }
            }
            closeParagraphInButtonScope()
            insertHTML(tag)
        case "plaintext":
            closeParagraphInButtonScope()
            insertHTML(tag)
            tokenizerState = .plaintext
        case "button":
            if inScope("button") {
                generateImpliedEndTags()
                popUntil("button")
            }
            reconstructFormatting()
            insertHTML(tag)
        case "a":
            if let open = formattingElement(named: "a") {
                adoptionAgency("a")
                removeFromFormatting(open)
                removeFromStack(open)
            }
            reconstructFormatting()
            pushFormatting(insertHTML(tag), tag)
        case "nobr":
            reconstructFormatting()
            if inScope("nobr") {
                adoptionAgency("nobr")
                reconstructFormatting()
            }
            pushFormatting(insertHTML(tag), tag)
        case _ where ElementCategories.formatting.contains(name):
            reconstructFormatting()
            pushFormatting(insertHTML(tag), tag)
        case "applet", "marquee", "object":
            reconstructFormatting()
            insertHTML(tag)
            formatting.append(.marker)
        case "table":
            if !quirks { closeParagraphInButtonScope() }
            insertHTML(tag)
            mode = .inTable
        case _ where ElementCategories.voidInBody.contains(name):
            reconstructFormatting()
            insertVoid(tag)
        case "param", "source", "track":
            insertVoid(tag)
        case "hr":
            closeParagraphInButtonScope()
            insertVoid(tag)
        case "image":
            var renamed = tag
            renamed.name = "img"
            bodyStartTag(renamed)
        case "textarea":
            insertTextElement(tag, .rcdata)
            skipNewline = true
        case "xmp":
            closeParagraphInButtonScope()
            reconstructFormatting()
            insertTextElement(tag, .rawText)
        case "iframe", "noembed":
            insertTextElement(tag, .rawText)
        case "select":
            reconstructFormatting()
            insertHTML(tag)
            let inTable: Set<InsertionMode> = [.inTable, .inCaption, .inTableBody, .inRow, .inCell]
            mode = inTable.contains(mode) ? .inSelectInTable : .inSelect
        case "optgroup", "option":
            if isHTML(current, "option") { stack.removeLast() }
            reconstructFormatting()
            insertHTML(tag)
        case "rb", "rtc":
            if inScope("ruby") { generateImpliedEndTags() }
            insertHTML(tag)
        case "rp", "rt":
            if inScope("ruby") { generateImpliedEndTags(except: "rtc") }
            insertHTML(tag)
        case "math", "svg":
            reconstructFormatting()
            insertForeign(tag, name == "svg" ? .svg : .mathml)
        case _ where ElementCategories.ignoredInBody.contains(name):
            break
        default:
            reconstructFormatting()
            insertHTML(tag)
        }
    }

    func bodyEndTag(_ name: String) {
        switch name {
        case "template":
            templateEndTag()
        case "body", "html":
            guard inScope("body") else { return }
            mode = .afterBody
            if name == "html" { endTag(name, in: mode) }
        case _ where ElementCategories.blockEnds.contains(name):
            guard inScope(name) else { return }
            generateImpliedEndTags()
            popUntil(name)
        case "form":
            if stack.contains(where: { isHTML($0, "template") }) {
                guard inScope("form") else { return }
                generateImpliedEndTags()
                popUntil("form")
                return
            }
            let form = formElement
            formElement = nil
            guard let form, inScope(.standard, where: { $0 == form }) else { return }
            generateImpliedEndTags()
            removeFromStack(form)
        case "p":
            if !inScope("p", .button) { insertHTML(TagToken(name: "p", attributes: [], selfClosing: false)) }
            closeParagraphInButtonScope()
        case "li":
            guard inScope("li", .listItem) else { return }
            generateImpliedEndTags(except: "li")
            popUntil("li")
        case "dd", "dt":
            guard inScope(name) else { return }
            generateImpliedEndTags(except: name)
            popUntil(name)
        case _ where ElementCategories.headings.contains(name):
            guard inScope(.standard, where: { self.isHTML($0, in: ElementCategories.headings) }) else { return }
            generateImpliedEndTags()
            popUntil(oneOf: ElementCategories.headings)
        case _ where ElementCategories.formatting.contains(name):
            if !adoptionAgency(name) { anyOtherEndTag(name) }
        case "applet", "marquee", "object":
            guard inScope(name) else { return }
            generateImpliedEndTags()
            popUntil(name)
            clearFormattingToMarker()
        case "br":
            bodyStartTag(TagToken(name: "br", attributes: [], selfClosing: false))
        default:
            anyOtherEndTag(name)
        }
    }

    func anyOtherEndTag(_ name: String) {
        for (index, node) in stack.enumerated().reversed() {
            if isHTML(node, name) {
                generateImpliedEndTags(except: name)
                stack.removeSubrange(index...)
                return
            }
            if isSpecial(node) { return }
        }
    }
}
