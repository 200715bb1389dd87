"""Wikitext (a ``.wiki`` file, a page's source, a dump's revision) → the text a reader sees.

Parsed with mwparserfromhell; what is shown follows documented rules (the README's "input
kinds"), with the names of templates, sections and parameters in ``extract/data/wikitext.toml``:

- The body ends at the first appendix section (See also, Notes, References, …); headings,
  like the copied text, are not part of it. Blank lines separate paragraphs; a single line
  break joins lines; each list item is a line of its own.
- ``<ref>`` shows as ``[N]``, numbered by first use in the default group, as MediaWiki does;
  ``<ref name="x"/>`` reuses x's number; a name defined only in the reference list
  (``{{reflist|refs=…}}``, ``<references>…</references>``) gets its content from there. A
  reference holding a citation template (``{{cite web}}``, ``{{chú thích báo}}``, …) has its
  fields read from the parameters; ``{{sfn}}`` is a reference of its own.
- ``{{efn}}`` and ``<ref group="…">`` are footnotes: their text becomes a Note (its markers
  are ordinary ones); the footnote's own ``[a]`` is left out of the text, as the copied form does.
- Templates show text only when listed as inline (``{{lang}}``, ``{{convert}}``, …); the
  rest (infoboxes, navboxes, maintenance tags) are dropped, but references inside them
  still take their numbers. Tables, galleries, math, images and categories are dropped.
  Links show their text; interlanguage links and untitled bracketed links show nothing.
"""

from __future__ import annotations

import re

import mwparserfromhell
from mwparserfromhell.nodes import (
    Argument,
    Comment,
    ExternalLink,
    Heading,
    HTMLEntity,
    Node,
    Tag,
    Template,
    Text,
    Wikilink,
)
from mwparserfromhell.wikicode import Wikicode

from extract.model import Revision
from extract.page import (
    LINE_START,
    Citation,
    PageReference,
    RenderedPage,
    citation_from_parameters,
    clean,
    name_key,
    tidy,
    wiki_data,
)

_BEHAVIOUR_SWITCH = re.compile(r"__[A-ZÀ-Ỹ_]+__")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_INTERLANGUAGE = re.compile(r"^[a-z]{2,3}(-[a-z]+)*$")
_REDIRECT = re.compile(r"^\s*#\s*(redirect|đổi)\b", re.IGNORECASE)
_TEMPLATE_NAMESPACE = re.compile(r"^(template|bản mẫu|tiêu bản)\s*:", re.IGNORECASE)
_LIST_MARKUP = {"li", "dt", "dd"}


class WikitextError(ValueError):
    """Wikitext that cannot be read; the message names the position."""


def _template_name(template: Template) -> str:
    return _TEMPLATE_NAMESPACE.sub("", name_key(str(template.name)))


def is_citation_template(name: str) -> bool:
    data = wiki_data()
    return name in data["citation_names"] or any(name.startswith(prefix) for prefix in data["citation_prefixes"])


def _attribute(tag: Tag, name: str) -> str | None:
    return clean(str(tag.get(name).value)) if tag.has(name) else None


def parameter_text(value: Wikicode | str) -> str:
    """A template parameter's value as text: URLs as written, anything else without markup."""
    raw = str(value).strip()
    if raw.startswith(("http://", "https://", "//")):
        return raw
    code = value if isinstance(value, Wikicode) else mwparserfromhell.parse(raw)
    return code.strip_code(normalize=True, collapse=True).strip()


def _check_braces(code: Wikicode, source: str) -> None:
    """Unbalanced ``{{``/``}}`` are left as text by the parser: report the first one by line."""
    for node in code.filter_text(recursive=True):
        value = str(node.value)
        for brace in ("{{", "}}"):
            offset = value.find(brace)
            if offset >= 0:
                at = source.find(value) + offset
                line = source.count("\n", 0, max(at, 0)) + 1
                kind = "opened and never closed" if brace == "{{" else "closed but never opened"
                raise WikitextError(f"line {line}: unbalanced template braces: {brace!r} {kind}")


class _Renderer:
    """Renders nodes to text, numbering references and collecting footnotes on the way."""

    def __init__(self, code: Wikicode) -> None:
        data = wiki_data()
        self.wiki = data["wiki"]
        self.inline = data["inline_templates"]
        self.literal = data["literal_templates"]
        self.definitions: dict[tuple[str, str], Wikicode] = {}
        for tag in code.filter_tags(recursive=True, matches=lambda node: node.tag == "ref"):
            name = _attribute(tag, "name")
            if name and not tag.self_closing and str(tag.contents).strip():
                self.definitions.setdefault((_attribute(tag, "group") or "", name), tag.contents)
        self.numbers: dict[object, int] = {}
        self.references: dict[int, list] = {}  # number -> [citation, times, evidence]
        self.note_index: dict[object, int] = {}
        self.notes: list[list] = []  # [text, times]

    def render(self, code: Wikicode | None) -> str:
        return "".join(self.node(node) for node in code.nodes) if code is not None else ""

    def node(self, node: Node) -> str:
        if isinstance(node, Text):
            return _BEHAVIOUR_SWITCH.sub("", str(node.value))
        if isinstance(node, HTMLEntity):
            return node.normalize()
        if isinstance(node, Tag):
            return self.tag(node)
        if isinstance(node, Template):
            return self.template(node)
        if isinstance(node, Wikilink):
            return self.wikilink(node)
        if isinstance(node, ExternalLink):
            if not node.brackets:
                return str(node.url)
            return self.render(node.title) if node.title is not None else ""
        if isinstance(node, (Comment, Argument, Heading)):
            return ""
        return str(node)

    def tag(self, tag: Tag) -> str:
        name = str(tag.tag).strip().lower()
        if name == "ref":
            return self.ref(tag)
        if name in _LIST_MARKUP and tag.wiki_markup:
            return LINE_START
        if name in ("br", "hr"):
            return " "
        if name == "table":
            self.render(tag.contents)  # not shown, but its references take their numbers
            return ""
        if name in self.wiki["hidden_tags"]:
            return ""
        if name == "nowiki":
            return str(tag.contents or "")
        return self.render(tag.contents) if tag.contents is not None else ""

    def template(self, template: Template) -> str:
        name = _template_name(template)
        data = wiki_data()
        if name in data["note_templates"]:
            content = template.get("1").value if template.has("1") else None
            key = clean(str(template.get("name").value)) if template.has("name") else id(template)
            self.note(("efn", key), content)
            return ""
        if name in data["short_citation_templates"]:
            return self.short_citation(template)
        if name in data["reference_list_templates"] or is_citation_template(name):
            return ""
        if name in self.literal:
            return self.literal[name]
        if name in self.inline:
            values = [template.get(str(n)).value for n in self.inline[name] if template.has(str(n))]
            return " ".join(self.render(value).strip() for value in values)
        for parameter in template.params:  # not shown, but its references take their numbers
            self.render(parameter.value)
        return ""

    def wikilink(self, link: Wikilink) -> str:
        title = str(link.title).strip()
        visible = title.startswith(":")
        namespace, _, rest = title.lstrip(":").partition(":")
        namespace = name_key(namespace)
        if rest and not visible:
            if namespace in self.wiki["hidden_namespaces"] or _INTERLANGUAGE.match(namespace):
                self.render(link.text)  # an image caption is not shown, but its references take their numbers
                return ""
        if link.text is not None and str(link.text).strip():
            return self.render(link.text)
        shown = title.lstrip(":")
        if link.text is not None:  # the pipe trick: [[Paris (city)|]] shows "Paris"
            shown = re.sub(r"\s*\([^)]*\)$", "", shown.split(":", 1)[-1])
        return shown.split("#")[0] or shown.lstrip("#")

    def ref(self, tag: Tag) -> str:
        name = _attribute(tag, "name")
        group = _attribute(tag, "group") or ""
        contents = tag.contents if not tag.self_closing and str(tag.contents or "").strip() else None
        defined_here = contents is not None
        if contents is None and name:
            contents = self.definitions.get((group, name))
        if group:
            self.note((group, name or id(tag)), contents)
            return ""
        key = name or id(tag)
        if key in self.numbers:
            self.references[self.numbers[key]][1] += 1
            return f"[{self.numbers[key]}]"
        number = len(self.numbers) + 1
        self.numbers[key] = number
        self.references[number] = [None, 1, ""]  # reserved before nested references take numbers
        shown = f'<ref name="{name}">' if name else "<ref>"
        if not defined_here:
            shown = f'<ref name="{name}"/>, defined elsewhere on the page,'
        self.references[number][0::2] = self.citation(contents, name, shown, number)
        return f"[{number}]"

    def citation(self, contents: Wikicode | None, name: str | None, shown: str, number: int) -> tuple[Citation, str]:
        if contents is None:
            evidence = f'wikitext: <ref name="{name}"/> is used but never defined; [{number}] is its first use'
            return Citation(broken_name=name or ""), evidence
        for template in contents.filter_templates(recursive=False):
            if is_citation_template(_template_name(template)):
                parameters = {str(p.name).strip(): parameter_text(p.value) for p in template.params}
                evidence = f"wikitext: {shown} holding {{{{{clean(str(template.name))}}}}}; [{number}] is its first use"
                return citation_from_parameters(parameters), evidence
        links = contents.filter_external_links(recursive=True)
        text = tidy(self.render(contents).replace(LINE_START, " "))
        citation = Citation(
            text=text,
            url=str(links[0].url) if links else None,
            title=clean(links[0].title.strip_code()) if links and links[0].title is not None else None,
        )
        return citation, f"wikitext: {shown} holding free text; [{number}] is its first use"

    def short_citation(self, template: Template) -> str:
        positional = [parameter_text(p.value) for p in template.params if not p.showkey]
        named = {name_key(str(p.name)): parameter_text(p.value) for p in template.params if p.showkey}
        key = ("sfn", tuple(positional), tuple(sorted(named.items())))
        if key in self.numbers:
            self.references[self.numbers[key]][1] += 1
            return f"[{self.numbers[key]}]"
        number = len(self.numbers) + 1
        self.numbers[key] = number
        pages = named.get("p") or named.get("pp") or named.get("loc")
        citation = Citation(creators=tuple(positional[:-1]), date=positional[-1] if positional else None, pages=pages)
        evidence = f"wikitext: {{{{{clean(str(template.name))}|{'|'.join(positional)}}}}}; [{number}] is its first use"
        self.references[number] = [citation, 1, evidence]
        return f"[{number}]"

    def note(self, key: object, content: Wikicode | None) -> None:
        if key in self.note_index:
            self.notes[self.note_index[key]][1] += 1
            return
        self.note_index[key] = len(self.notes)
        self.notes.append(["", 1])
        text = self.render(content).replace(LINE_START, " ")
        self.notes[self.note_index[key]][0] = tidy(text)


def _paragraphs(rendered: str) -> list[str]:
    paragraphs = []
    for block in _PARAGRAPH_BREAK.split(rendered):
        for line in block.replace("\n", " ").split(LINE_START):
            line = tidy(line)
            if line:
                paragraphs.append(line)
    return paragraphs


def render_wikitext(
    source: str, *, language: str, title: str | None = None, revision: Revision | None = None
) -> RenderedPage:
    """Render one page's wikitext; raises WikitextError on a redirect or unbalanced template braces."""
    if _REDIRECT.match(source):
        raise WikitextError("line 1: a redirect, not an article")
    code = mwparserfromhell.parse(source)
    _check_braces(code, source)
    renderer = _Renderer(code)
    appendix = set(wiki_data()["wiki"]["appendix_sections"])
    body: list[str] = []
    in_appendix = False
    for node in code.nodes:
        if isinstance(node, Heading) and node.level <= 2:
            in_appendix = name_key(node.title.strip_code()) in appendix
        text = renderer.node(node)
        if not in_appendix:
            body.append(text)
    references = [
        PageReference(number, citation, times, evidence)
        for number, (citation, times, evidence) in sorted(renderer.references.items())
    ]
    return RenderedPage(
        title=title,
        language=language,
        paragraphs=_paragraphs("".join(body)),
        notes=[(text, times) for text, times in renderer.notes],
        references=references,
        revision=revision,
    )


def categories(source: str, namespace_names: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The categories a page's wikitext puts it in (``[[Category:…]]``, ``[[Thể loại:…]]``), for dump selection.

    ``namespace_names`` adds the wiki's own names of the category namespace (a dump's ``<siteinfo>``).
    """
    namespaces = {*wiki_data()["wiki"]["category_namespaces"], *(name_key(name) for name in namespace_names)}
    found = []
    for link in mwparserfromhell.parse(source).ifilter_wikilinks(recursive=True):
        namespace, _, rest = str(link.title).strip().partition(":")
        if rest and name_key(namespace) in namespaces:
            found.append(clean(rest.replace("_", " ")))
    return tuple(dict.fromkeys(found))
