"""Merging tagged PDFs without losing their tags, with a language, a title and bookmarks.

pypdf copies pages but not the logical structure (the tags screen readers follow), so a pack
merged from WeasyPrint's tagged output would come out untagged. ``TaggedWriter`` copies each
source's structure elements for the pages that were added, hangs them under one Document
element in page order, renumbers the parent tree (page ``/StructParents`` and annotation
``/StructParent`` keys) and marks the result as tagged. Pages of an untagged source (a
scanned upload, say) are added as they are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from io import BytesIO
from typing import Any

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    NullObject,
    NumberObject,
    TextStringObject,
)

LANGUAGE = "en-GB"


def _deref(obj: Any) -> Any:
    """The object behind a reference (pypdf's types are too loose to follow further)."""
    return obj.get_object() if obj is not None else None


@dataclass
class Bookmark:
    title: str
    page_index: int
    children: list[Bookmark] = field(default_factory=list)


def _nums(tree: DictionaryObject) -> dict[int, Any]:
    """A number tree (the parent tree) as a dict, following /Kids."""
    found: dict[int, Any] = {}
    nums = tree.get("/Nums")
    if nums is not None:
        items = list(_deref(nums))
        for key, value in zip(items[::2], items[1::2], strict=True):
            found[int(key)] = value
    for kid in tree.get("/Kids", []) or []:
        found.update(_nums(_deref(kid)))
    return found


def _idnum(page: PageObject) -> int:
    reference = page.indirect_reference
    assert reference is not None
    return reference.idnum


def _pages_under(element: Any, seen: set[int] | None = None) -> set[int]:
    """Object numbers of the pages an element (and its kids) draws on."""
    seen = seen if seen is not None else set()
    pages: set[int] = set()
    obj = _deref(element) if isinstance(element, IndirectObject) else element
    if isinstance(element, IndirectObject):
        if element.idnum in seen:
            return pages
        seen.add(element.idnum)
    if isinstance(obj, DictionaryObject):
        page = obj.raw_get("/Pg") if "/Pg" in obj else None
        if isinstance(page, IndirectObject):
            pages.add(page.idnum)
        kids = obj.raw_get("/K") if "/K" in obj else None
        if kids is not None:
            pages |= _pages_under(kids, seen)
    elif isinstance(obj, ArrayObject):
        for kid in obj:
            pages |= _pages_under(kid, seen)
    return pages


class _Source:
    def __init__(self, reader: PdfReader):
        self.reader = reader
        root = _deref(reader.trailer["/Root"])
        tree = root.get("/StructTreeRoot")
        self.tree = _deref(tree) if tree is not None else None
        self.parent_tree = (
            _nums(_deref(self.tree["/ParentTree"]))
            if self.tree is not None and "/ParentTree" in self.tree
            else {}
        )
        self.added_pages: set[int] = set()  # source object numbers of pages added


class TaggedWriter:
    def __init__(self) -> None:
        self.writer = PdfWriter()
        self._sources: dict[int, _Source] = {}
        self._order: list[tuple[_Source, PageObject, PageObject]] = []

    def _source(self, reader: PdfReader) -> _Source:
        key = id(reader)
        if key not in self._sources:
            self._sources[key] = _Source(reader)
        return self._sources[key]

    def add_page(self, page: PageObject) -> PageObject:
        added = self.writer.add_page(page)
        reference = page.indirect_reference
        if reference is not None and isinstance(reference.pdf, PdfReader):
            source = self._source(reference.pdf)
            source.added_pages.add(reference.idnum)
            self._order.append((source, page, added))
        return added

    def add_blank_page(self, width: float, height: float) -> PageObject:
        return self.writer.add_blank_page(width, height)

    # Structure ---------------------------------------------------------------------------

    def _structure(self) -> None:
        document = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/StructElem"),
                NameObject("/S"): NameObject("/Document"),
                NameObject("/K"): ArrayObject(),
            }
        )
        kids = ArrayObject()
        document[NameObject("/K")] = kids
        document_ref = self.writer._add_object(document)
        root = DictionaryObject({NameObject("/Type"): NameObject("/StructTreeRoot")})
        root_ref = self.writer._add_object(root)
        document[NameObject("/P")] = root_ref
        cloned: dict[tuple[int, int], IndirectObject] = {}  # (source, idnum) -> new ref
        nums = ArrayObject()
        next_key = 0
        placed: set[tuple[int, int]] = set()
        for source, original, added in self._order:
            if source.tree is None:
                continue
            sid = id(source.reader)
            # Top-level elements drawn on this page (and only on added pages), in order.
            for top in self._top_elements(source):
                pages = _pages_under(top)
                if _idnum(original) not in pages:
                    continue
                if (sid, top.idnum) in placed or not pages <= source.added_pages:
                    continue
                placed.add((sid, top.idnum))
                new = self._clone(top, source, cloned)
                _deref(new)[NameObject("/P")] = document_ref
                kids.append(new)
            key = original.get("/StructParents")
            if key is not None and int(key) in source.parent_tree:
                entries = _deref(source.parent_tree[int(key)])
                mapped = ArrayObject(
                    cloned.get((sid, e.idnum), NullObject())
                    if isinstance(e, IndirectObject)
                    else NullObject()
                    for e in entries
                )
                added[NameObject("/StructParents")] = NumberObject(next_key)
                nums.extend([NumberObject(next_key), self.writer._add_object(mapped)])
                next_key += 1
            elif "/StructParents" in added:
                del added["/StructParents"]
            for annotation in added.get("/Annots", []) or []:
                annotation = _deref(annotation)
                old = annotation.get("/StructParent")
                if old is None:
                    continue
                target = source.parent_tree.get(int(old))
                mapped_ref = (
                    cloned.get((sid, target.idnum)) if isinstance(target, IndirectObject) else None
                )
                if mapped_ref is None:
                    del annotation["/StructParent"]
                    continue
                annotation[NameObject("/StructParent")] = NumberObject(next_key)
                nums.extend([NumberObject(next_key), mapped_ref])
                next_key += 1
        parent_tree = DictionaryObject({NameObject("/Nums"): nums})
        root[NameObject("/ParentTree")] = self.writer._add_object(parent_tree)
        root[NameObject("/ParentTreeNextKey")] = NumberObject(next_key)
        root[NameObject("/K")] = ArrayObject([document_ref])
        catalog = self.writer._root_object
        catalog[NameObject("/StructTreeRoot")] = root_ref
        catalog[NameObject("/MarkInfo")] = DictionaryObject(
            {NameObject("/Marked"): BooleanObject(True)}
        )

    @staticmethod
    def _top_elements(source: _Source) -> list[IndirectObject]:
        assert source.tree is not None
        kids = source.tree.raw_get("/K")
        tops: list[IndirectObject] = []

        def walk(kid: Any) -> None:
            obj = _deref(kid)
            if isinstance(obj, ArrayObject):
                for k in obj:
                    walk(k)
            elif isinstance(obj, DictionaryObject) and obj.get("/S") == "/Document":
                walk(obj.raw_get("/K"))  # the source's own Document: take its children
            elif isinstance(kid, IndirectObject) and isinstance(obj, DictionaryObject):
                tops.append(kid)

        walk(kids)
        return tops

    def _clone(
        self,
        element: IndirectObject,
        source: _Source,
        cloned: dict[tuple[int, int], IndirectObject],
    ) -> IndirectObject:
        """Copy an element and its kids (pages map to the pages already added)."""
        sid = id(source.reader)
        new = _deref(element).clone(self.writer, False, ["/P"])
        ref = new.indirect_reference
        assert ref is not None
        # pypdf remembers what each source object became: the parent tree is remapped by it.
        translated: dict[Any, Any] = dict(self.writer._id_translated.get(sid, {}))
        for old, new_id in translated.items():
            if isinstance(old, int):
                cloned.setdefault((sid, old), IndirectObject(new_id, 0, self.writer))
        self._set_parents(ref)
        return ref

    def _set_parents(self, ref: IndirectObject) -> None:
        element = _deref(ref)
        raw = element.raw_get("/K") if "/K" in element else None
        if raw is None:
            return
        resolved = _deref(raw)
        items = list(resolved) if isinstance(resolved, ArrayObject) else [raw]
        for kid in items:
            if isinstance(kid, IndirectObject):
                obj = _deref(kid)
                if isinstance(obj, DictionaryObject) and "/S" in obj:
                    obj[NameObject("/P")] = ref
                    self._set_parents(kid)

    # Output ------------------------------------------------------------------------------

    def write(self, *, title: str, bookmarks: list[Bookmark] | None = None) -> bytes:
        self._structure()
        catalog = self.writer._root_object
        catalog[NameObject("/Lang")] = TextStringObject(LANGUAGE)
        catalog[NameObject("/ViewerPreferences")] = DictionaryObject(
            {NameObject("/DisplayDocTitle"): BooleanObject(True)}
        )
        self.writer.add_metadata({"/Title": title, "/Producer": "Scrutiny"})
        for bookmark in bookmarks or []:
            self._bookmark(bookmark, None)
        if bookmarks:
            self.writer.page_mode = "/UseOutlines"
        output = BytesIO()
        self.writer.write(output)
        return output.getvalue()

    def _bookmark(self, bookmark: Bookmark, parent: Any) -> None:
        item = self.writer.add_outline_item(
            title=bookmark.title, page_number=bookmark.page_index, parent=parent
        )
        for child in bookmark.children:
            self._bookmark(child, item)


def is_tagged(data: bytes) -> bool:
    root = _deref(PdfReader(BytesIO(data)).trailer["/Root"])
    mark = root.get("/MarkInfo")
    return bool(mark and _deref(mark).get("/Marked")) and "/StructTreeRoot" in root
