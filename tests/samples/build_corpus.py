"""Builds the binary files of the importer's corpus from their manuscripts.

    .venv/bin/python tests/samples/build_corpus.py

For every `<name>.manus` in tests/samples/corpus-tuning/ and corpus-test/,
the `format:` of `<name>.fasit.yaml` says what to make:

- `docx`: a Word file. `# ` is the title (Heading 1), `## ` a Heading 2,
  `#. ` a paragraph with Word's own numbering (List Number), `- ` a bullet
  (List Bullet), and `| a | b |` rows a Word table.
- `pdf`: a PDF with a text layer, lines wrapped (and words hyphenated) as a
  word processor would.
- `png`, `jpg`, `scanned-pdf`: a page as a scanner or a phone sees it, drawn
  here with a seed: rotated, blurred, speckled, and for the photo unevenly lit;
  `<<<side>>>` starts a new page.

It also writes `<name>.ocr-eng.txt` for every document: what Tesseract's
English data reads from the same page, which is how text recognition without
Norwegian data damages æ, ø and å. `scripts/import_quality.py` measures the
repair on those readings too. Needs Pillow (requirements-dev.txt) and
Tesseract with Norwegian data (`apt-get install tesseract-ocr tesseract-ocr-nor`).
The files are committed; run this only after changing a manuscript.
"""

from __future__ import annotations

import datetime
import os
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from archive.importer.quality import PAGE_BREAK, printed_lines  # noqa: E402

HERE = Path(__file__).resolve().parent
FOLDERS = (HERE / "corpus-tuning", HERE / "corpus-test")
FONTS = {
    "serif": "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
    "sans": "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
}
DPI = 300
WIDTH_CHARS = 88  # a line of 11 pt text on A4 with ordinary margins


def manuscript_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").rstrip("\n").split("\n")


def wrap(lines: list[str], width: int = WIDTH_CHARS, rng: random.Random | None = None) -> list[str]:
    """Lines no longer than `width`; a long word at the end of a line is sometimes
    hyphenated, as word processors and typesetters do."""
    rng = rng or random.Random(0)
    out: list[str] = []
    for line in lines:
        if line == PAGE_BREAK or len(line) <= width:
            out.append(line)
            continue
        current = ""
        for word in line.split(" "):
            candidate = f"{current} {word}" if current else word
            if len(candidate) <= width:
                current = candidate
                continue
            room = width - len(current) - 2
            letters = re.match(r"^[^\W\d_]+", word)
            if letters and len(letters.group()) >= 9 and room >= 4 and rng.random() < 0.7:
                cut = min(room, len(letters.group()) - 4)
                out.append(f"{current} {word[:cut]}-")
                current = word[cut:]
            else:
                out.append(current)
                current = word
        out.append(current)
    return out


# -- Word -----------------------------------------------------------------------


def build_docx(lines: list[str], target: Path) -> None:
    import docx

    document = docx.Document()
    table_rows: list[list[str]] = []

    def flush_table() -> None:
        if not table_rows:
            return
        table = document.add_table(rows=len(table_rows), cols=max(len(r) for r in table_rows))
        for row, cells in zip(table.rows, table_rows, strict=True):
            for cell, text in zip(row.cells, cells, strict=False):
                cell.text = text
        table_rows.clear()

    for line in lines:
        if line.startswith("|"):
            table_rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
            continue
        flush_table()
        if line.startswith("# "):
            document.add_paragraph(line[2:], style="Heading 1")
        elif line.startswith("## "):
            document.add_paragraph(line[3:], style="Heading 2")
        elif line.startswith("#. "):
            document.add_paragraph(line[3:], style="List Number")
        elif line.startswith("- "):
            document.add_paragraph(line[2:], style="List Bullet")
        else:
            document.add_paragraph(line)
    flush_table()
    document.core_properties.created = datetime.datetime(2025, 1, 1)  # the same file on every build
    document.save(target)


# -- PDF with a text layer --------------------------------------------------------


def build_text_pdf(lines: list[str], target: Path) -> None:
    """A PDF written by hand (Helvetica, Windows-1252), 50 lines a page."""

    def escape(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    pages = [[]]
    for line in wrap(printed_lines(lines), 95):
        if line == PAGE_BREAK or len(pages[-1]) >= 50:
            pages.append([])
            if line == PAGE_BREAK:
                continue
        pages[-1].append(line)
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    kids = " ".join(f"{4 + 2 * index} 0 R" for index in range(len(pages)))
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode(), font]
    for index, page in enumerate(pages):
        content = ("BT /F1 10 Tf 50 800 Td 14 TL " + " ".join(f"({escape(line)}) Tj T*" for line in page) + " ET").encode("cp1252")
        contents = 5 + 2 * index
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {contents} 0 R /Resources << /Font << /F1 3 0 R >> >> >>".encode())
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    target.write_bytes(out)


# -- scans ------------------------------------------------------------------------


def render_pages(lines: list[str], seed: int, font: str = "serif", photo: bool = False):
    """The manuscript drawn on A4 pages at 300 dpi, then degraded like a scan (or a photo)."""
    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    rng = random.Random(seed)
    face = ImageFont.truetype(FONTS[font], int(11 / 72 * DPI))
    width, height = int(8.27 * DPI), int(11.69 * DPI)
    pages: list[list[str]] = [[]]
    for line in wrap(printed_lines(lines), WIDTH_CHARS, rng):
        if line == PAGE_BREAK:
            pages.append([])
        else:
            pages[-1].append(line)
    images = []
    for page_lines in pages:
        image = Image.new("L", (width, height), 255)
        draw = ImageDraw.Draw(image)
        y = int(0.9 * DPI)
        for line in page_lines:
            draw.text((int(0.9 * DPI), y), line, font=face, fill=rng.randint(0, 40))
            y += int(15.5 / 72 * DPI)
        if not photo:  # the shadow of a binder's edge or a fold near the margin
            x = int(0.55 * DPI) + rng.randint(-20, 20)
            draw.line((x, 0, x + rng.randint(-30, 30), height), fill=rng.randint(40, 110), width=rng.randint(4, 9))
        image = image.rotate(rng.uniform(-1.6, 1.6), resample=Image.Resampling.BICUBIC, fillcolor=255)
        image = image.filter(ImageFilter.GaussianBlur(rng.uniform(1.3, 1.8)))
        pixels = image.load()
        for _ in range(width * height // 250):  # dust and speckles
            x, y = rng.randrange(width), rng.randrange(height)
            pixels[x, y] = rng.choice((0, 60, 120))
        # 200 dpi, as most office scanners and phones deliver.
        image = image.resize((width * 2 // 3, height * 2 // 3), Image.Resampling.BILINEAR)
        if photo:  # a phone's picture: uneven light and a soft focus
            shade = Image.linear_gradient("L").resize(image.size).point(lambda v: 255 - v // 4)
            image = Image.composite(image, shade, image.point(lambda v: 255 if v < 200 else 0))
            image = image.filter(ImageFilter.GaussianBlur(0.8))
        else:  # a black-and-white office scanner, its threshold a little high
            image = image.point(lambda v: 0 if v < 165 else 255).convert("1")
        images.append(image)
    return images


def ocr(image_path: Path, language: str) -> str:
    environment = dict(os.environ, OMP_THREAD_LIMIT="1")
    done = subprocess.run(["tesseract", str(image_path), "-", "-l", language], capture_output=True, text=True, check=True, env=environment)
    return done.stdout


def english_reading(images) -> str:
    """What Tesseract with English data reads from the pages."""
    texts = []
    with tempfile.TemporaryDirectory() as folder:
        for number, image in enumerate(images):
            path = Path(folder) / f"side-{number}.png"
            image.save(path)
            texts.append(ocr(path, "eng"))
    return "\n".join(texts)


def build(manuscript: Path) -> None:
    fasit = yaml.safe_load(manuscript.with_suffix(".fasit.yaml").read_text(encoding="utf-8"))
    kind = fasit.get("format", "txt")
    lines = manuscript_lines(manuscript)
    seed = sum(manuscript.stem.encode())
    stem = manuscript.with_suffix("")
    if kind == "docx":
        build_docx(lines, stem.with_suffix(".docx"))
    elif kind == "pdf":
        build_text_pdf(lines, stem.with_suffix(".pdf"))
    elif kind == "png":
        render_pages(lines, seed)[0].save(stem.with_suffix(".png"), optimize=True)
    elif kind == "jpg":
        render_pages(lines, seed, font="sans", photo=True)[0].save(stem.with_suffix(".jpg"), quality=70)
    elif kind == "scanned-pdf":
        images = render_pages(lines, seed)
        images[0].save(stem.with_suffix(".pdf"), save_all=True, append_images=images[1:], resolution=DPI)
    else:
        raise SystemExit(f"{manuscript}: unknown format {kind!r}")
    print(f"{manuscript.relative_to(HERE)} → {kind}")


def build_english_reading(document: Path, lines: list[str]) -> None:
    images = render_pages(lines, sum(document.stem.encode()) + 1)
    document.with_suffix(".ocr-eng.txt").write_text(english_reading(images), encoding="utf-8")
    print(f"{document.relative_to(HERE)} → Tesseract (eng)")


def main() -> int:
    for folder in FOLDERS:
        for manuscript in sorted(folder.glob("*.manus")):
            build(manuscript)
        if "--no-ocr" in sys.argv:
            continue
        for fasit in sorted(folder.glob("*.fasit.yaml")):
            name = fasit.name.removesuffix(".fasit.yaml")
            manuscript = folder / f"{name}.manus"
            source = manuscript if manuscript.exists() else next(p for p in folder.glob(f"{name}.*") if p.suffix in (".txt", ".md"))
            build_english_reading(folder / name, manuscript_lines(source))
    return 0


if __name__ == "__main__":
    sys.exit(main())
