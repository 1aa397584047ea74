"""A read-only view of an OOXML package: its zip entries, relationships, content types and the workbook's sheets.
Part names are looked up case-insensitively, as Excel and calamine do."""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterable, Set

from . import content_types, relationships, workbook_xml
from .relationships import Rel, rels_part
from .workbook_xml import SheetEntry


class PackageError(ValueError):
    """The file is not a usable OOXML spreadsheet package (empty, truncated, a missing or broken core part).
    `damaged_part`: the zip member whose data does not decompress or fails its checksum, when that is the cause
    (`errors.FileError.unreadable` names it)."""

    def __init__(self, message: str, damaged_part: str | None = None) -> None:
        super().__init__(message)
        self.damaged_part = damaged_part


class Package:
    """A read-only view of a zip package: parts, relationships, the workbook's sheets."""

    def __init__(self, path) -> None:
        self.path = str(path)
        try:
            self.zip = zipfile.ZipFile(path)
            self.infos = self.zip.infolist()
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
            if isinstance(error, (FileNotFoundError, PermissionError, IsADirectoryError)):
                raise
            raise PackageError("bukan berkas zip yang utuh (kosong atau terpotong)") from None
        self.names = {info.filename for info in self.infos}
        # Part names are case-insensitive (ECMA-376 Part 2, 9.1.1.1): every lookup goes through `resolve`.
        self._by_lower: dict[str, str] = {}
        for name in self.names:
            self._by_lower.setdefault(name.lower(), name)
        self._cache: dict[str, bytes] = {}
        self._rels: dict[str, list[Rel]] = {}
        self._types: tuple[dict[str, str], dict[str, str]] | None = None
        roots = [r for r in self.rels("") if r.type.endswith("/officeDocument")]
        if not roots or roots[0].target not in self.names:
            raise PackageError("bagian buku kerja (workbook.xml) tidak ada")
        self.workbook_part = roots[0].target

    def close(self) -> None:
        self.zip.close()

    def __enter__(self) -> Package:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def resolve(self, name: str) -> str:
        """The zip entry named `name` whatever its case (the name itself when there is none)."""
        return name if name in self.names else self._by_lower.get(name.lower(), name)

    def has(self, name: str) -> bool:
        return self.resolve(name) in self.names

    def read(self, name: str, keep: bool = True) -> bytes:
        """A part's bytes, inflated once and kept (`keep=False`: not kept, for a large sheet read once; 50,000
        survey rows are 29 MB of XML that would otherwise stay in memory for the whole run)."""
        name = self.resolve(name)
        data = self._cache.get(name)
        if data is None:
            try:
                data = self.zip.read(name)
            except (zipfile.BadZipFile, EOFError, zlib.error) as error:  # bad CRC, bad deflate data, cut short
                raise PackageError(f"bagian '{name}' rusak ({error})", damaged_part=name) from None
            except (ValueError, KeyError, OSError) as error:
                raise PackageError(f"bagian '{name}' rusak ({error})") from None
            if keep:
                self._cache[name] = data
        return data

    def open(self, name: str):
        """A stream of a part's bytes (for a large sheet read in pieces)."""
        return self.zip.open(self.resolve(name))

    def size(self, name: str) -> int:
        return self.zip.getinfo(self.resolve(name)).file_size

    def text(self, name: str) -> str:
        try:
            return self.read(name).decode("utf-8")
        except UnicodeDecodeError:
            raise PackageError(f"bagian '{name}' bukan teks UTF-8") from None

    def rels(self, part: str) -> list[Rel]:
        if part not in self._rels:
            name = self.resolve(rels_part(part))
            self._rels[part] = relationships.parse(self.text(name), part, self.resolve) if name in self.names else []
        return self._rels[part]

    def spelled(self) -> dict[str, str]:
        """Zip entry → the name the relationships give it, for the entries whose case differs (readers that compare
        part names case-sensitively, LibreOffice among them, need that spelling); a part's relationships part
        follows it. Walked from the package root, each target read relative to its source's spelled name."""
        out: dict[str, str] = {}
        seen = set()
        todo = [""]
        while todo:
            part = todo.pop()
            rels = self.resolve(rels_part(part))
            if part in seen or rels not in self.names:
                continue
            seen.add(part)
            if rels != rels_part(part):
                out[rels] = rels_part(part)
            for rel in relationships.parse(self.text(rels), part):
                entry = self.resolve(rel.target)
                if rel.external or entry not in self.names:
                    continue
                if entry != rel.target:
                    out[entry] = rel.target
                todo.append(rel.target)
        return out

    def workbook_rel(self, kind: str) -> Rel | None:
        """The workbook's relationship of type `…/kind` ("styles", "sharedStrings"), if any."""
        return next((r for r in self.rels(self.workbook_part) if r.type.endswith("/" + kind)), None)

    def sheets(self) -> list[SheetEntry]:
        targets = {rel.id: rel.target for rel in self.rels(self.workbook_part)}
        return workbook_xml.sheets(self.text(self.workbook_part), targets)

    def reachable(self, starts: Iterable[str], skip: Set[str] = frozenset()) -> set[str]:
        """Parts reached from `starts` through relationships (the starts included), never entering `skip`."""
        seen: set[str] = set()
        todo = [s for s in starts if s not in skip]
        while todo:
            part = todo.pop()
            if part in seen:
                continue
            seen.add(part)
            todo.extend(r.target for r in self.rels(part) if not r.external and r.target not in skip
                        and r.target not in seen)
        return seen

    def content_types(self) -> tuple[dict[str, str], dict[str, str]]:
        """(extension → default type, lower-case part name → override type)."""
        if self._types is None:
            self._types = content_types.parse(self.text(content_types.PART))
        return self._types

    def content_type(self, part: str) -> str:
        return content_types.type_of(part, *self.content_types())


__all__ = ["Package", "PackageError"]
