"""Reading minutes from outside: plain text, Markdown, Word, PDF, scans and photos.

`read_source` returns the text of a file and notes for the review. Word files
keep their structure as text the importer reads: Word's own numbering written
out, headings marked, tables as rows of cells (`| a | b |`). A PDF is read from
its text layer; a page without one (a scan), and a photographed or scanned page
(JPEG, PNG, TIFF), is read by Tesseract with its Norwegian data (`tesseract -l
nor`; PDF pages are drawn by pdftoppm from poppler-utils first), page by page.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
OCR_LANGUAGE = "nor"
OCR_DPI = 300
OCR_MAX_PIXELS = 3508  # the long side of an A4 page at 300 dpi
OCR_TIMEOUT = 120  # seconds a page may take before it is given up (it takes 1-3 s)
# A PDF page with fewer characters than this in its text layer is read as a scan.
TEXT_LAYER_MIN = 20
_INSTALL_TESSERACT = "Installer den med «apt-get install tesseract-ocr tesseract-ocr-nor» (Debian/Ubuntu) og prøv igjen."


class SourceError(Exception):
    """The source cannot be read; the message is Norwegian and names the problem."""


# -- reading -----------------------------------------------------------------


def read_source(path: Path) -> tuple[str, list[str]]:
    """The text of a .txt, .md, .docx, .pdf or image file, and notes about how it was read."""
    suffix = path.suffix.lower()
    if suffix in (".txt", ".md", ""):
        raw = path.read_bytes()
        try:
            return raw.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n"), []
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")
            return text.replace("\r\n", "\n").replace("\r", "\n"), ["Kilden var ikke UTF-8 og er lest som Windows-1252; kontroller æ, ø og å."]
    if suffix == ".docx":
        return _read_docx(path), []
    if suffix == ".pdf":
        return _read_pdf(path)
    if suffix in IMAGE_SUFFIXES:
        return recognise_image(path), [RECOGNISED]
    raise SourceError(f"filtypen «{suffix}» kan ikke leses. Lagre referatet som .docx, .pdf eller .txt, eller som bilde (.png, .jpg).")


RECOGNISED = "Teksten er lest med tekstgjenkjenning (Tesseract, norsk); kontroller særlig navn, tall og datoer mot originalen."


def _read_docx(path: Path) -> str:
    try:
        import docx  # python-docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(str(path))
    except Exception as error:  # any failure means: not a readable Word file
        raise SourceError(
            "filen kan ikke leses som et Word-dokument (.docx); den kan være skadet eller i et annet format. Åpne den i Word og lagre som .docx på nytt."
        ) from error
    lines: list[str] = []
    numbering = _WordNumbering(document)
    # Paragraphs and tables in the order they stand in the document.
    blocks = [Paragraph(child, document) if str(child.tag).endswith("}p") else child for child in document.element.body.iterchildren()]
    agenda_level = _agenda_heading_level([block for block in blocks if isinstance(block, Paragraph)])
    first_text = True
    for block in blocks:
        if isinstance(block, Paragraph):
            prefix = numbering.prefix(block)
            if not prefix and not first_text and agenda_level and _heading_level(block) == agenda_level:
                prefix = "## "  # an agenda item written as a Word heading, without a number
            if block.text.strip():
                first_text = False  # the first line is the title, whatever its style
            lines.append(prefix + block.text)
        elif str(block.tag).endswith("}tbl"):
            for row in Table(block, document).rows:
                cells: list[str] = []
                elements: list = []
                for cell in row.cells:
                    if any(cell._tc is element for element in elements):
                        continue  # a merged cell is repeated by python-docx: once is enough
                    elements.append(cell._tc)
                    cells.append(" ".join(cell.text.split()))
                lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _heading_level(paragraph) -> int | None:
    """1 for «Heading 1» (Norwegian Word: «Overskrift 1»), and so on; None for other styles."""
    name = (paragraph.style.name if paragraph.style is not None else "") or ""
    match = re.match(r"^(?:heading|overskrift)\s*([1-6])$", name.strip(), re.IGNORECASE)
    return int(match.group(1)) if match else None


def _agenda_heading_level(paragraphs) -> int | None:
    """The heading level the agenda items use: the one used most often after the
    title, when at least two paragraphs use it."""
    levels = [_heading_level(p) for p in paragraphs if p.text.strip()][1:]
    counts = {level: levels.count(level) for level in set(levels) if level}
    if not counts:
        return None
    level = max(counts, key=lambda lvl: (counts[lvl], lvl))
    return level if counts[level] >= 2 else None


class _WordNumbering:
    """The numbers Word shows before numbered paragraphs but keeps out of their
    text («1. Godkjenning …» written with Word's own numbering, or a «List Number»
    style): numbers at the first level are written out, so the agenda is found;
    bullets and deeper levels become «- », so a list inside an item stays a list."""

    def __init__(self, document):
        self.formats: dict[tuple[str, int], tuple[str, int]] = {}  # (numId, level) → (format, start)
        self.counters: dict[tuple[str, int], int] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return  # no numbering in the document
        abstract: dict[str | None, dict[int, tuple[str, int]]] = {}
        for definition in root.findall(_W + "abstractNum"):
            levels = {}
            for level in definition.findall(_W + "lvl"):
                form, start = level.find(_W + "numFmt"), level.find(_W + "start")
                levels[int(level.get(_W + "ilvl", "0"))] = (
                    form.get(_W + "val", "decimal") if form is not None else "decimal",
                    int(start.get(_W + "val", "1")) if start is not None else 1,
                )
            abstract[definition.get(_W + "abstractNumId")] = levels
        for num in root.findall(_W + "num"):
            ref = num.find(_W + "abstractNumId")
            if ref is not None:
                for level, value in abstract.get(ref.get(_W + "val"), {}).items():
                    self.formats[(num.get(_W + "numId"), level)] = value

    def prefix(self, paragraph) -> str:
        found = self._numbering_of(paragraph)
        if found is None or not paragraph.text.strip():
            return ""
        num_id, level = found
        form, start = self.formats.get((num_id, level), ("bullet", 1))
        if form != "decimal" or level > 0:
            return "- "
        number = self.counters.get((num_id, level), start - 1) + 1
        self.counters[(num_id, level)] = number
        for key in [k for k in self.counters if k[0] == num_id and k[1] > level]:
            del self.counters[key]  # a new item restarts the levels under it
        return f"{number}. "

    @staticmethod
    def _numbering_of(paragraph) -> tuple[str, int] | None:
        """(numId, level) from the paragraph or, failing that, its style and the styles it is based on."""
        holders = [paragraph._p.pPr]
        style = paragraph.style
        while style is not None:
            holders.append(style.element.pPr)
            style = style.base_style
        for holder in holders:
            numbering = holder.numPr if holder is not None else None
            if numbering is not None and numbering.numId is not None:
                if numbering.numId.val == 0:
                    return None  # numbering switched off for this paragraph
                level = numbering.ilvl.val if numbering.ilvl is not None else 0
                return str(numbering.numId.val), int(level)
        return None


def _read_pdf(path: Path) -> tuple[str, list[str]]:
    """The text layer of each page; a page without one is recognised as an image."""
    import logging

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)  # its warnings are English and for developers
    try:
        from pypdf import PdfReader

        reader = PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
        sizes = [max(float(page.mediabox.width), float(page.mediabox.height)) for page in reader.pages]
    except Exception as error:  # any failure means: not a readable PDF
        raise SourceError("filen kan ikke leses som PDF; den kan være skadet eller passordbeskyttet.") from error
    scanned = [number for number, text in enumerate(pages, start=1) if len(text.strip()) < TEXT_LAYER_MIN]
    if pages and not scanned:
        return "\n".join(pages), []
    if not pages:
        raise SourceError("PDF-en har ingen sider.")
    recognised = recognise_pdf_pages(path, scanned, [sizes[n - 1] for n in scanned])
    for number, text in zip(scanned, recognised, strict=True):
        pages[number - 1] = text
    if not "".join(pages).strip():
        raise SourceError("PDF-en har ikke noe tekstlag, og tekstgjenkjenningen fant ingen tekst på sidene.")
    which = "alle sidene" if len(scanned) == len(pages) else "side " + ", ".join(map(str, scanned))
    return "\n".join(pages), [f"PDF-en har ikke tekstlag på {which}. " + RECOGNISED]


# -- text recognition ----------------------------------------------------------------


def _tesseract() -> str:
    """The tesseract program, checked to have the Norwegian data; else a SourceError saying what to install."""
    program = shutil.which("tesseract")
    if program is None:
        raise SourceError(
            "filen er et bilde eller en skannet PDF, og tekstgjenkjenning trenger programmet Tesseract med norsk språkdata, som ikke er installert. "
            + _INSTALL_TESSERACT
        )
    try:
        languages = subprocess.run([program, "--list-langs"], capture_output=True, text=True, timeout=30).stdout.split()
    except (OSError, subprocess.SubprocessError) as error:
        raise SourceError(f"Tesseract kunne ikke startes ({error}). " + _INSTALL_TESSERACT) from error
    if OCR_LANGUAGE not in languages:
        raise SourceError(
            "Tesseract mangler norsk språkdata (nor), og uten den blir æ, ø og å lest feil. Installer den med «apt-get install tesseract-ocr-nor» og prøv igjen."
        )
    return program


def recognise_image(path: Path) -> str:
    """The text of a scanned or photographed page, read with Norwegian data."""
    return _recognise(_tesseract(), path, path.name)


def _recognise(program: str, image: Path, shown: str) -> str:
    # One thread: on a shared machine tesseract's own threads make it 4x slower, not faster.
    environment = dict(os.environ, OMP_THREAD_LIMIT="1")
    try:
        done = subprocess.run([program, str(image), "-", "-l", OCR_LANGUAGE], capture_output=True, timeout=OCR_TIMEOUT, env=environment, check=False)
    except subprocess.TimeoutExpired as error:
        raise SourceError(f"tekstgjenkjenningen av {shown} tok mer enn {OCR_TIMEOUT} sekunder og ble stoppet.") from error
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise SourceError(f"Tesseract kunne ikke lese {shown} som bilde ({message[-1] if message else 'ukjent feil'}). Er filen et bilde (PNG, JPEG, TIFF)?")
    return done.stdout.decode("utf-8", "replace").replace("\f", "\n").rstrip() + "\n"


def render_dpi(long_side_points: float | None) -> int:
    """The resolution a page is drawn at: 300 dpi, but no more pixels than an A4
    page at 300 dpi. A photo put into a PDF at 72 dpi makes a page a metre long,
    which drawn at 300 dpi took Tesseract 18 s instead of 2 s, and read no better."""
    if not long_side_points:
        return OCR_DPI
    return max(50, min(OCR_DPI, round(OCR_MAX_PIXELS * 72 / long_side_points)))


def recognise_pdf_pages(path: Path, pages: list[int], sizes: list[float] | None = None) -> list[str]:
    """The text of the given pages (1-based) of a PDF, drawn by pdftoppm and read by
    Tesseract; `sizes`: each page's long side in points, when known."""
    program = _tesseract()
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        raise SourceError(
            "PDF-en er skannet, og for å lese sidene trengs programmet pdftoppm. Installer det med «apt-get install poppler-utils» (Debian/Ubuntu) og prøv igjen."
        )
    texts = []
    with tempfile.TemporaryDirectory() as folder:
        for index, number in enumerate(pages):
            stem = Path(folder) / f"side-{number}"
            dpi = render_dpi(sizes[index] if sizes else None)
            try:
                subprocess.run(
                    [pdftoppm, "-r", str(dpi), "-gray", "-png", "-singlefile", "-f", str(number), "-l", str(number), str(path), str(stem)],
                    capture_output=True,
                    timeout=OCR_TIMEOUT,
                    check=True,
                )
            except (subprocess.SubprocessError, OSError) as error:
                raise SourceError(f"side {number} i PDF-en kunne ikke tegnes for tekstgjenkjenning; filen kan være skadet.") from error
            texts.append(_recognise(program, stem.with_suffix(".png"), f"side {number}"))
    return texts
