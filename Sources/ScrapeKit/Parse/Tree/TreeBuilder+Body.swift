/// The "in body" insertion mode, where most of a page is built.
extension TreeBuilder {
    mutating func bodyStartTag(_ tag: TagToken) {
        // Most tags of a page (`span`, `svg`'s `path`, custom elements) are named by no rule: one
        // bit test spares them the comparisons of the switch below.
        guard tag.kind.contains(.hasBodyStartRule) else {
            reconstructFormatting()
            insertHTML(tag)
            return
        }
        let name = tag.name
        // The lists first, each disjoint from the names after it: most tags are on one.
        switch name {
        case _ where tag.kind.contains(.closesParagraph):
            closeParagraphInButtonScope()
            insertHTML(tag)
        case _ where tag.kind.contains(.heading):
            closeParagraphInButtonScope()
            if isHTML(current, .heading) { stack.removeLast() }
            insertHTML(tag)
        case _ where tag.kind.contains(.headContent):
            _ = headStartTag(tag)
        case _ where tag.kind.contains(.voidInBody):
            // An `<input>` ends an open `<select>` (the 2025 rules; `<keygen>` no longer does).
            if name == "input", inScope("select") { popUntil("select") }
            reconstructFormatting()
            insertVoid(tag)
            if name != "input" || tree.value(named: "type", in: tag.attributes)?.lowercased() != "hidden" { framesetOK = false }
        case _ where tag.kind.contains(.ignoredInBody):
            break
        case "html":
            guard !stack.contains(where: { isHTML($0, "template") }), let html = stack.first else { return }
            tree.addMissingAttributes(tag.attributes, to: html)
        case "body":
            guard stack.count > 1, isHTML(stack[1], "body"), !stack.contains(where: { isHTML($0, "template") }) else { return }
            framesetOK = false
            tree.addMissingAttributes(tag.attributes, to: stack[1])
        case "frameset":
            // Replaces the body, if nothing has made the page a body page yet.
            guard framesetOK, stack.count > 1, isHTML(stack[1], "body") else { return }
            tree.detach(stack[1])
            stack.removeSubrange(1...)
            insertHTML(tag)
            mode = .inFrameset
        case "pre", "listing":
            closeParagraphInButtonScope()
            insertHTML(tag)
            skipNewline = true
            framesetOK = false
        case "form":
            let inTemplate = stack.contains { isHTML($0, "template") }
            guard formElement == nil || inTemplate else { return }
            closeParagraphInButtonScope()
            let form = insertHTML(tag)
            if !inTemplate { formElement = form }
        case "li", "dd", "dt":
            for node in stack.reversed() {
                if name == "li" ? isHTML(node, "li") : isHTML(node, "dd") || isHTML(node, "dt") {
                    let open = tree[node].name
                    generateImpliedEndTags(except: open)
                    popUntil(open)
                    break
                }
                if isSpecial(node), !isHTML(node, "address"), !isHTML(node, "div"), !isHTML(node, "p") { break }
            }
            closeParagraphInButtonScope()
            insertHTML(tag)
            framesetOK = false
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
            framesetOK = false
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
                // With a marker after the open `<nobr>` (a `<marquee>` left open in a table), the
                // adoption agency finds nothing and the tag closes it as any end tag would.
                if !adoptionAgency("nobr") { anyOtherEndTag("nobr") }
                reconstructFormatting()
            }
            pushFormatting(insertHTML(tag), tag)
        case _ where tag.kind.contains(.formatting):
            reconstructFormatting()
            pushFormatting(insertHTML(tag), tag)
        case "applet", "marquee", "object":
            reconstructFormatting()
            insertHTML(tag)
            formatting.append(.marker)
            framesetOK = false
        case "table":
            if !quirks { closeParagraphInButtonScope() }
            insertHTML(tag)
            framesetOK = false
            mode = .inTable
        case "param", "source", "track":
            insertVoid(tag)
        case "hr":
            closeParagraphInButtonScope()
            if inScope("select") { generateImpliedEndTags() }
            insertVoid(tag)
            framesetOK = false
        case "image":
            bodyStartTag(tag.renamed("img"))
        case "textarea":
            insertTextElement(tag, .rcdata)
            skipNewline = true
            framesetOK = false
        case "xmp":
            closeParagraphInButtonScope()
            reconstructFormatting()
            insertTextElement(tag, .rawText)
            framesetOK = false
        case "iframe":
            insertTextElement(tag, .rawText)
            framesetOK = false
        case "noembed":
            insertTextElement(tag, .rawText)
        // `<select>` content is read by the body's rules since the 2025 changes for customisable
        // selects: only a select within a select, `<option>`, `<optgroup>`, `<hr>` and `<input>`
        // are told apart.
        case "select":
            if inScope("select") {
                popUntil("select")
                return
            }
            reconstructFormatting()
            insertHTML(tag)
            framesetOK = false
        case "optgroup", "option":
            if inScope("select") {
                generateImpliedEndTags(except: name == "option" ? "optgroup" : nil)
            } else if isHTML(current, "option") {
                stack.removeLast()
            }
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
        default:
            reconstructFormatting()
            insertHTML(tag)
        }
    }

    mutating func bodyEndTag(_ tag: TagToken) {
        let name = tag.name
        // Inside a select, the end tag of an element opened outside it is ignored (a table's
        // closes the select first), as under the 2025 rules for <select>.
        if !tag.kind.contains(.endTagInSelect), let select = stack.lastIndex(where: { isHTML($0, .select) }),
           let target = stack.lastIndex(where: { isHTML($0, name) }), target < select {
            guard tag.kind.contains(.tableEnd) else { return }
            popUntil("select")
        }
        guard tag.kind.contains(.hasBodyEndRule) else {
            anyOtherEndTag(name)
            return
        }
        // The lists first, as for start tags.
        switch name {
        case _ where tag.kind.contains(.blockEnd):
            guard inScope(name) else { return }
            generateImpliedEndTags()
            popUntil(name)
        case _ where tag.kind.contains(.heading):
            guard inScope(.standard, where: { self.isHTML($0, .heading) }) else { return }
            generateImpliedEndTags()
            popUntil(oneOf: .heading)
        case _ where tag.kind.contains(.formatting):
            if !adoptionAgency(name) { anyOtherEndTag(name) }
        case "template":
            templateEndTag()
        case "body", "html":
            guard inScope("body") else { return }
            mode = .afterBody
            if name == "html" { endTag(tag, in: mode) }
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
            if !paragraphInButtonScope { insertHTML(TagToken(name: "p")) }
            closeParagraphInButtonScope()
        case "li":
            guard inScope("li", .listItem) else { return }
            generateImpliedEndTags(except: "li")
            popUntil("li")
        case "dd", "dt":
            guard inScope(name) else { return }
            generateImpliedEndTags(except: name)
            popUntil(name)
        case "applet", "marquee", "object":
            guard inScope(name) else { return }
            generateImpliedEndTags()
            popUntil(name)
            clearFormattingToMarker()
        case "br":
            bodyStartTag(TagToken(name: "br"))
        case "select":
            guard inScope("select") else { return }
            popUntil("select")
        default:
            anyOtherEndTag(name)
        }
    }

    mutating func anyOtherEndTag(_ name: String) {
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
