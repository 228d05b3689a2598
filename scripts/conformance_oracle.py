#!/usr/bin/env python3
"""Reference answers for scripts/conformance-queries.txt, and scrape's score against them.

  conformance_oracle.py build PAGES EXPECTED_SCRIPTS.jsonl QUERIES.txt OUT.jsonl
  conformance_oracle.py score OUT.jsonl QUERIES.txt RECORDS.jsonl SCORES.txt FAILURES.txt [REFUSED...]

QUERIES.txt holds one query a line, `css:SELECTOR` or `xpath:EXPR` (# comments and blank lines
skipped). Each page is decoded as EXPECTED_SCRIPTS's decoded_as says (as the corpus's
elements/make_oracle.py does), then:
- css: an element selector is answered as make_oracle.py answers it (html5lib builds the tree through
  BeautifulSoup, soupsieve matches). One ending in ::attr(NAME) or ::text gives values: soupsieve
  selects the elements of the part before `::`; ::attr(NAME) takes the value of each one's attribute
  NAME (matched without ASCII case), ::text the text nodes directly under each (comments excluded,
  whitespace-only ones kept), and `E ::text` (space before ::) every text node inside E, as parsel does
  (descendant-or-self, each node once); values in document order.
- xpath: lxml evaluates the expression over html5lib's lxml tree (namespaceHTMLElements=False; the
  prefixes svg, math and xlink bound). Elements come back as make_oracle.py writes them (text: the
  XPath string-value, all descendant text, comments excluded); attribute and text nodes as values;
  a number, string or boolean as one value, lxml's string(EXPR). Where lxml's tree is not the DOM,
  it is mended: html5lib's lxml builder renames element and attribute names that are not XML names
  (`@click` -> `U00040click`) and keeps xlink/xml/xmlns attributes as {namespace}name, so the names
  written are put back as the DOM spells them; control characters lxml refuses go in as private-use
  characters and come back out; the empty text nodes html5lib leaves are removed. Not mended: neither
  tree keeps two adjacent text nodes apart (BeautifulSoup and lxml merge them; a DOM does not, after
  the adoption agency), and comments are nodes here, as in a DOM, so they split text nodes.
Output: one line per page, {file, decoded_as, queries: {QUERY LINE: {elements, values}}}; a query the
oracle could not answer on a page has {error} instead, and that page is not scored for it.
Needs html5lib==1.1 beautifulsoup4==4.15.0 soupsieve==4.1.3 lxml==6.2.0; two processes, as
make_oracle.py.

`score` reads scrape's records of a run with every query as a named selection q0, q1, ... (the
query's position among QUERIES.txt's queries; the REFUSED positions, which scrape would not take,
score 0). A page passes a query when its record is ok and it has the oracle's elements (name,
attributes, text, in order) and values (the same list). Writes "PERCENT QUERY" lines to SCORES.txt
and, to FAILURES.txt, the first failing pages of each query with the first difference."""
import hashlib, json, multiprocessing, os, re, sys, warnings
from urllib.parse import urlparse

VALUE = re.compile(r'(?P<selector>.*?)(?P<space>\s*)::(?:text|attr\((?P<attr>[^()]*)\))\s*', re.S)
NAMESPACES = {'svg': 'http://www.w3.org/2000/svg', 'math': 'http://www.w3.org/1998/Math/MathML',
              'xlink': 'http://www.w3.org/1999/xlink'}
ATTRIBUTE_PREFIXES = {'http://www.w3.org/1999/xlink': 'xlink', 'http://www.w3.org/XML/1998/namespace': 'xml',
                      'http://www.w3.org/2000/xmlns/': 'xmlns'}
NOT_XML = re.compile('[\x01-\x08\x0b\x0e-\x1f\ufffe\uffff]')
PLANE_16 = re.compile('[\U00100000-\U0010ffff]')
ASCII_LOWER = str.maketrans('ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')


def read_queries(path):
    queries = [l.rstrip('\n') for l in open(path, encoding='utf-8') if l.strip() and not l.startswith('#')]
    for q in queries:
        if not q.startswith(('css:', 'xpath:')):
            sys.exit(f'{path}: {q!r} is neither css: nor xpath:')
    return queries


def decode(raw, how):
    codec = how.split(' ')[0]
    return raw.decode('utf-16' if codec == 'utf-16' else codec, 'replace')


def element(name, attrs, text):
    t = text.encode('utf-8', 'surrogatepass')
    return {'name': name, 'attrs': attrs, 'text_sha256': hashlib.sha256(t).hexdigest(), 'text_len': len(text)}


class CSS:
    """html5lib + soupsieve, as make_oracle.py."""

    def __init__(self, text):
        from bs4 import BeautifulSoup
        self.soup = BeautifulSoup(text, 'html5lib', multi_valued_attributes=None)
        self.order = None

    def is_text(self, node):
        from bs4 import NavigableString, CData
        return isinstance(node, NavigableString) and (type(node) is NavigableString or isinstance(node, CData))

    def text_of(self, e):
        return ''.join(str(s) for s in e.descendants if self.is_text(s))

    def answer(self, query):
        import soupsieve
        from bs4 import Tag
        m = VALUE.fullmatch(query)
        if not m:
            return {'elements': [element(e.name, {k: ('' if v is None else v) for k, v in e.attrs.items()},
                                         self.text_of(e)) for e in soupsieve.select(query, self.soup)],
                    'values': []}
        found = soupsieve.select(m['selector'], self.soup)
        if self.order is None:
            self.order = {id(node): n for n, node in enumerate(self.soup.descendants)}
        if m['space']:  # parsel's descendant-or-self: every element inside a match, each once
            inside = {}
            for e in found:
                for node in [e, *e.descendants]:
                    if isinstance(node, Tag):
                        inside.setdefault(id(node), node)
            found = sorted(inside.values(), key=lambda node: self.order[id(node)])
        if m['attr'] is not None:
            name = m['attr'].strip().translate(ASCII_LOWER)
            values = []
            for e in found:
                for k, v in e.attrs.items():
                    if k.translate(ASCII_LOWER) == name:
                        values.append('' if v is None else v)
                        break
            return {'elements': [], 'values': values}
        texts = [node for e in found for node in e.children if self.is_text(node)]
        texts.sort(key=lambda node: self.order[id(node)])
        return {'elements': [], 'values': [str(node) for node in texts]}


class XPath:
    """lxml over html5lib's lxml tree."""

    def __init__(self, text):
        import html5lib
        from lxml import etree
        from html5lib._ihatexml import InfosetFilter
        # lxml refuses characters XML does not allow, which the DOM keeps (a \x08 in a script): they
        # go in as plane-16 private-use characters, not HTML whitespace either, and come back out.
        self.restore = None
        found = set(NOT_XML.findall(text))
        if found and not PLANE_16.search(text):
            text = text.translate({ord(c): 0x100000 + ord(c) for c in found})
            self.restore = {0x100000 + ord(c): ord(c) for c in found}
        self.tree = html5lib.parse(text, treebuilder='lxml', namespaceHTMLElements=False)
        # html5lib's etree builders leave empty text nodes ('' text or tail, as after the adoption
        # agency moves children); a DOM has none.
        for e in self.tree.iter():
            if isinstance(e.tag, str):
                if e.text == '':
                    e.text = None
            if e.tail == '':
                e.tail = None
        self.names = InfosetFilter()

    def out(self, s):
        return s if self.restore is None else s.translate(self.restore)

    def name(self, key):
        """An element or attribute name as the DOM spells it, from lxml's."""
        if key.startswith('{'):
            namespace, local = key[1:].split('}', 1)
            local = self.names.fromXmlName(local)
            prefix = ATTRIBUTE_PREFIXES.get(namespace)
            name = local if prefix is None or (prefix == 'xmlns' and local == 'xmlns') else f'{prefix}:{local}'
        else:
            name = self.names.fromXmlName(key)
        return self.out(name)

    def answer(self, expr, compiled):
        from lxml import etree
        result = compiled[expr][0](self.tree)
        if not isinstance(result, list):
            return {'elements': [], 'values': [self.out(str(compiled[expr][1](self.tree)))]}
        elements, values = [], []
        for item in result:
            if isinstance(item, (etree._Comment, etree._ProcessingInstruction)):
                values.append(self.out(item.text or ''))
            elif isinstance(item, etree._Element):
                elements.append(element(self.name(etree.QName(item).localname),
                                        {self.name(k): self.out(v) for k, v in item.attrib.items()},
                                        self.out(item.xpath('string()'))))
            elif isinstance(item, tuple):  # a namespace node: (prefix, URI)
                values.append(item[1])
            else:
                values.append(self.out(str(item)))
        return {'elements': elements, 'values': values}


COMPILED = {}


def run(job):
    path, how, queries = job
    warnings.filterwarnings('ignore')
    text = decode(open(path, 'rb').read(), how)
    if not COMPILED:
        from lxml import etree
        for q in queries:
            if q.startswith('xpath:'):
                COMPILED[q[6:]] = (etree.XPath(q[6:], namespaces=NAMESPACES),
                                   etree.XPath(f'string({q[6:]})', namespaces=NAMESPACES))
    css = xpath = None
    out = {}
    for q in queries:
        try:
            if q.startswith('css:'):
                css = css or CSS(text)
                out[q] = css.answer(q[4:])
            else:
                xpath = xpath or XPath(text)
                out[q] = xpath.answer(q[6:], COMPILED)
        except Exception as e:  # noqa: BLE001 - kept in the answers, the page is then not scored
            out[q] = {'error': f'{type(e).__name__}: {e}'}
    return os.path.basename(path), how, out


def build(pages, scripts, qfile, outp):
    queries = read_queries(qfile)
    how = {json.loads(l)['file']: json.loads(l)['decoded_as'] for l in open(scripts, encoding='utf-8')}
    jobs = [(os.path.join(pages, f), how[f], queries) for f in sorted(how)]
    with multiprocessing.Pool(2) as p:
        res = sorted(p.imap_unordered(run, jobs, chunksize=2))
    with open(outp, 'w', encoding='utf-8') as w:
        for f, h, o in res:
            w.write(json.dumps({'file': f, 'decoded_as': h, 'queries': o}, ensure_ascii=False) + '\n')


def difference(got, want):
    """Why scrape's selection differs from the oracle's answer, or None."""
    h, w = got.get('elements') or [], want['elements']
    if len(h) != len(w):
        return f'{len(h)} elements, want {len(w)}'
    for i, (x, y) in enumerate(zip(h, w)):
        if x.get('name') != y['name']:
            return f'#{i} name {x.get("name")!r} want {y["name"]!r}'
        if x.get('attrs') != y['attrs']:
            return f'#{i} attrs {json.dumps(x.get("attrs"))[:150]} want {json.dumps(y["attrs"])[:150]}'
        t = x.get('text', '')
        if hashlib.sha256(t.encode('utf-8', 'surrogatepass')).hexdigest() != y['text_sha256']:
            return f'#{i} text of {len(t)} chars {t[:60]!r}, want {y["text_len"]} chars'
    hv, wv = got.get('values') or [], want['values']
    if hv != wv:
        i = next((i for i, (x, y) in enumerate(zip(hv, wv)) if x != y), min(len(hv), len(wv)))
        return (f'{len(hv)} values, want {len(wv)}; #{i} {hv[i][:80] if i < len(hv) else None!r}'
                f' want {wv[i][:80] if i < len(wv) else None!r}')
    return None


def score(oracle, qfile, records, scores, failures, refused):
    queries = read_queries(qfile)
    want = {}
    for line in open(oracle, encoding='utf-8'):
        r = json.loads(line)
        want[r['file']] = r['queries']
    passed = [0] * len(queries)
    scored = [0] * len(queries)
    fails = [[] for _ in queries]
    seen = set()
    for line in open(records, encoding='utf-8'):
        r = json.loads(line)
        f = urlparse(r.get('url', '')).path.rsplit('/', 1)[-1]
        if f not in want or f in seen:
            continue
        seen.add(f)
        selections = r.get('selections') or {}
        for n, q in enumerate(queries):
            w = want[f][q]
            if 'error' in w:
                continue
            scored[n] += 1
            if n in refused:
                why = 'refused by scrape'
            elif not r.get('ok'):
                why = 'no ok record'
            else:
                why = difference(selections.get(f'q{n}', {}), w)
            if why:
                fails[n].append(f'{f}: {why}')
            else:
                passed[n] += 1
    for f in sorted(set(want) - seen):
        for n, q in enumerate(queries):
            if 'error' not in want[f][q]:
                scored[n] += 1
                fails[n].append(f'{f}: no record')
    with open(scores, 'w', encoding='utf-8') as s, open(failures, 'w', encoding='utf-8') as w:
        for n, q in enumerate(queries):
            s.write(f'{100.0 * passed[n] / max(scored[n], 1):.1f} {q}\n')
            unscored = len(want) - scored[n]
            w.write(f'{q}: {passed[n]}/{scored[n]}' + (f' ({unscored} pages the oracle could not answer)' if unscored else '') + '\n')
            for why in fails[n][:5]:
                w.write(f'  {why}\n')


if __name__ == '__main__':
    if len(sys.argv) == 6 and sys.argv[1] == 'build':
        build(*sys.argv[2:6])
    elif len(sys.argv) >= 7 and sys.argv[1] == 'score':
        score(*sys.argv[2:7], {int(n) for n in sys.argv[7:]})
    else:
        sys.exit(__doc__)
