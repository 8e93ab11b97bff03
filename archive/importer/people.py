"""People in imported minutes: finding their names, matching them with the
register, and proposing records for those it does not know.

Everyone the minutes name as present or absent goes into the draft. A person
the register (data/personer.yaml) does not know is written by name as the
minutes write it, and a record for them is proposed in a file of its own beside
the draft (`<draft>.nye-personer.yaml`): the name and the organisation, never
contact details. The importer never writes to data/. When the secretary has
checked the proposals and moved them into data/personer.yaml and
data/organisasjoner.yaml (`accept_proposals` does what she does), the draft
validates.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz, process

from archive.importer.lexicon import Lexicon
from archive.model.repository import Repository
from archive.model.scaffold import yaml_scalar
from archive.model.schema import ORGANISATION_TYPES

PROPOSALS_SUFFIX = ".nye-personer.yaml"

ONLINE_MARK = re.compile(r"\(\s*(?:digitalt|digital|teams|på teams|via teams|video|zoom)\s*\)", re.IGNORECASE)
SECRETARY_MARK = re.compile(r"\(\s*(?:sekretær|referent|skrivar)\s*\)", re.IGNORECASE)
CHAIR_MARK = re.compile(r"\(\s*(?:møteleder|møteleiar|ordstyrer)\s*\)", re.IGNORECASE)
NAME_TOKEN = re.compile(r"^(?:[A-ZÆØÅ][a-zæøåéèüöäáó'’]+(?:-[A-ZÆØÅ][a-zæøåéèüöäáó'’]+)*|[A-ZÆØÅ]\.?)$")
_PARTICLES = {"von", "van", "de", "af", "der", "la", "le", "du"}
# What follows a name and says what a person is, not where from.
ROLES = re.compile(
    r"^(?:styre)?(?:leder|leiar|nestleder|nestleiar|sekretær|kasserer|styremedlem|varamedlem|vara|vararepresentant|medlem|"
    r"referent|skrivar|møteleder|møteleiar|observatør|gjest|daglig leder|dagleg leiar|rektor|ordfører|varaordfører|rådmann|"
    r"kommunedirektør|prosjektleder|prosjektleiar|rådgiver|rådgjevar|konsulent|sokneprest|prest|kantor|representant|"
    r"innleder|innleiar|forfall|til stede|x|ja|nei)\b",
    re.IGNORECASE,
)
_ORGANISATION_HINT = re.compile(
    r"\b(?:kommune|fylkeskommune|herad|regionen?|region|AS|ASA|IKS|SA|forening|foreining|lag|råd|rådet|utvikling|vekst|"
    r"næringsforening|næringshage|universitet|høgskole|høyskole|skole|direktorat|etat|departement|fylke|kirke|kyrkje|sokn)\b",
    re.IGNORECASE,
)


# The last part of a compound that names an organisation: «Drammensregionen», «Elverum Vekst».
_ORGANISATION_HEADS = {
    "regionen",
    "region",
    "kommune",
    "vekst",
    "utvikling",
    "næringsråd",
    "næringshage",
    "forening",
    "foreining",
    "rådet",
    "laget",
    "senter",
    "senteret",
}


def archive_lexicon(repo: Repository, lexicon: Lexicon) -> Lexicon:
    """The lexicon with the archive's own names on top."""
    people = [text for p in repo.people.values() for text in (p.name, *p.aliases)]
    texts = list(people)
    texts += [text for o in repo.organisations.values() for text in (o.name, *o.aliases)]
    texts += [text for g in repo.groups.values() for text in (g.name, g.full_name or "")]
    texts += [r.name for r in (*repo.focus_areas.values(), *repo.clusters.values())]
    texts += [e.title for e in repo.events.values()]
    first_names = [name.split()[0].split("-")[0] for name in people if name.split()]
    return lexicon.with_names(texts, first_names)


def normal(name: str) -> str:
    name = unicodedata.normalize("NFC", name).casefold().replace("-", " ").replace(".", " ")
    return " ".join(name.split())


class PeopleIndex:
    """Names (and other spellings) of people, for resolving names tolerant of spelling."""

    def __init__(self, repo: Repository):
        self.by_name: dict[str, str] = {}
        short: dict[str, set[str]] = {}
        for person in repo.people.values():
            for name in [person.name, *person.aliases]:
                self.by_name.setdefault(normal(name), person.id)
                words = normal(name).split()
                if len(words) > 2:  # «Eli Bryhni» for «Eli Arnkværn Bryhni»
                    short.setdefault(f"{words[0]} {words[-1]}", set()).add(person.id)
        for key, ids in short.items():
            if len(ids) == 1:
                self.by_name.setdefault(key, next(iter(ids)))
        self.names = list(self.by_name)
        self.full_name = {p.id: p.name for p in repo.people.values()}

    def resolve(self, name: str) -> tuple[str | None, str]:
        """(person id or None, a note for review when the match is not exact)."""
        key = normal(name)
        if len(key.split()) < 2:
            return None, ""
        if key in self.by_name:
            return self.by_name[key], ""
        words = key.split()
        without_initials = " ".join(w for w in words if len(w) > 1)
        if without_initials in self.by_name:
            return self.by_name[without_initials], ""
        matches = process.extract(key, self.names, scorer=fuzz.ratio, limit=3, score_cutoff=88)
        if not matches:
            return None, ""
        best_id = self.by_name[matches[0][0]]
        others = {self.by_name[m[0]] for m in matches[1:] if matches[0][1] - m[1] < 3}
        if others - {best_id}:
            choices = " eller ".join(f"«{self.full_name[i]}»" for i in sorted({best_id} | others))
            return None, f"«{name}» kan være {choices}; ikke avgjort"
        return best_id, f"«{name}» er tolket som «{self.full_name[best_id]}»"


# -- names in text ----------------------------------------------------------------------


def strip_marks(text: str) -> str:
    for pattern in (ONLINE_MARK, SECRETARY_MARK, CHAIR_MARK):
        text = pattern.sub(" ", text)
    return text


def name_part(text: str) -> str:
    return re.split(r",|\s[-–]\s|\(|\|", text, maxsplit=1)[0].strip()


def split_people(text: str) -> list[str]:
    """«Kari Nordmann, Ola Hansen og Per Olsen (digitalt)» → one entry per person."""
    entries = []
    for part in re.split(r"[;,\t|]|\s{3,}", text):
        entries += re.split(r"\s+(?:og|&)\s+(?=[A-ZÆØÅ]|[a-zæøå]+\s+[A-ZÆØÅ])", part)
    return [e.strip() for e in entries if e.strip()]


def candidate_names(text: str, lexicon: Lexicon) -> list[str]:
    """The names of people in `text`, whole: «Elise V Moksnes», «Hanne-Mai
    Eriksen», «Anne Kristine Feltman Bærum kommune» → the name without the
    organisation; «sokneprest Eirik Nærø», «Rektor Gro Mælum» → the name without
    the title. A single word, a label or a common noun is no name."""
    names = []
    for entry in split_people(strip_marks(text)):
        tokens = re.split(r"\s+", re.split(r"\s[-–—]\s|\(|:|\s/\s", entry, maxsplit=1)[0].strip())
        run: list[str] = []
        for token in tokens:
            bare = token.strip(".,")
            if len(bare) > 1 and token.rstrip(",") == bare + "." and NAME_TOKEN.match(bare):
                run.append(bare)  # «Forfall: Tor Åge Fæstad.»: the full stop ends the name
                break
            if NAME_TOKEN.match(token) or (run and token.lower() in _PARTICLES):
                run.append(token.rstrip(","))
                continue
            if not run and bare.isalpha() and bare[:1].islower() and len(tokens) > 2:
                continue  # a title in small letters before the name: «sokneprest Eirik Nærø»
            if run and bare and bare[0].islower():
                if len(run) > 2:  # «… Halvorsrud Fredrikstad kommune»: the last capital belongs to «kommune»
                    run.pop()
                break
            break
        while run and run[-1].lower() in _PARTICLES:
            run.pop()
        # A title before the name: «Leder Bjørn Åge Mæland», «Næringssjef Gøril Bråten», «Rektor Gro Mælum».
        while len(run) > 2 and (lexicon.is_common_word(run[0]) and not lexicon.may_be_name(run[0]) or ROLES.fullmatch(run[0])):
            run.pop(0)
        words = [w for w in run if len(w.strip(".")) > 1]

        def common(word: str) -> bool:
            return lexicon.is_common_word(word) and not lexicon.may_be_name(word)

        # «Saksliste Styret» is no name; «Per Utenfra», «Tuva Øvrebø» and «Ståle Brækken» are.
        if len(words) < 2 or common(words[0]) and common(words[-1]) or ROLES.fullmatch(words[0]) and len(words) == 2:
            continue
        names.append(" ".join(run))
    return names


def display_name(tokens: list[str], lexicon: Lexicon) -> str:
    """The name in a run of capitalised words the register does not know: up to
    four words, ending before a compound of ordinary words («Drammensregionen»)
    or a word that names an organisation («Vestby kommune»)."""
    kept = tokens[:2]
    for token in tokens[2:4]:
        bare = token.strip(".")
        parts = lexicon.compound_parts(bare) if lexicon.direct_score(bare) is None else None
        if parts and _ORGANISATION_HINT.fullmatch(parts[-1]) or parts and parts[-1] in _ORGANISATION_HEADS:
            break  # «Drammensregionen»: an organisation, not a surname («Gurigard» is one)
        if _ORGANISATION_HINT.fullmatch(bare):
            break
        kept.append(token)
    return " ".join(kept)


def organisation_of(entry: str, name: str) -> str | None:
    """The organisation written with a person: «Kari Hansen, Vestby kommune»,
    «Kari Hansen (Seljord kommune)», «Kari Hansen – Drammensregionen»; not a
    role («styreleder», «4. trinn»)."""
    rest = entry.split(name, 1)[1] if name in entry else ""
    rest = strip_marks(rest)
    for part in re.split(r"[,()|]|\s[-–—]\s", rest):
        part = part.strip(" .:;-–—")
        if not part or not part[:1].isupper() or any(c.isdigit() for c in part) or ROLES.match(part):
            continue
        if len(part) > 60 or len(part.split()) > 6:
            continue
        return part
    return None


# -- proposals ----------------------------------------------------------------------------


def slug(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a"))
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-") or "person"


def guess_kind(organisation: str) -> str:
    """The register's kind of organisation, from its name; «annet» when the name does not say."""
    lower = organisation.lower()
    if "fylkeskommune" in lower:
        return "fylkeskommune"
    if re.search(r"\b(kommune|herad)\b", lower):
        return "kommune"
    if re.search(r"\biks\b", lower):
        return "interkommunalt"
    if re.search(r"\b(as|asa)\b", lower):
        return "selskap"
    if re.search(r"region(en)?\b|regionråd", lower):
        return "region"
    assert "annet" in ORGANISATION_TYPES
    return "annet"


@dataclass
class Proposals:
    """Records proposed for people (and their organisations) the register does not know."""

    repo: Repository
    source: str  # how the records were found, for their «kilde»
    people: dict[str, dict] = field(default_factory=dict)  # name → record
    organisations: dict[str, dict] = field(default_factory=dict)  # name → record

    def person(self, name: str, organisation: str | None, unsure: bool) -> None:
        if name in self.people:
            record = self.people[name]
            if organisation and "organisasjon" not in record:
                record["organisasjon"] = self._organisation(organisation)
            return
        taken = set(self.repo.people) | {r["id"] for r in self.people.values()}
        base = slug(name)
        ident, count = base, 1
        while ident in taken:
            count += 1
            ident = f"{base}-{count}"
        record: dict = {"id": ident, "navn": name}
        if organisation:
            record["organisasjon"] = self._organisation(organisation)
        if unsure:
            record["navn_bekreftet"] = False
        record["kilde"] = self.source
        self.people[name] = record

    def _organisation(self, name: str) -> str:
        known, _ = self.repo.names["organisation"].resolve(name)
        if known:
            return known
        if name not in self.organisations:
            taken = set(self.repo.organisations) | {r["id"] for r in self.organisations.values()}
            base = slug(name)
            ident, count = base, 1
            while ident in taken:
                count += 1
                ident = f"{base}-{count}"
            self.organisations[name] = {"id": ident, "navn": name, "type": guess_kind(name), "kilde": self.source}
        return self.organisations[name]["id"]

    def text(self, draft_name: str) -> str | None:
        """The proposals file, or None when there is nothing to propose."""
        if not self.people:
            return None
        lines = [
            f"# Forslag til nye oppføringer fra importen av {draft_name} (laget av scripts/import_minutes.py).",
            "# Personene under står i utkastet, men finnes ikke i data/personer.yaml. Sjekk navn og",
            "# organisasjon mot originalen. Flytt så oppføringene under «personer:» til slutten av",
            "# data/personer.yaml og dem under «organisasjoner:» til data/organisasjoner.yaml, og slett",
            "# denne filen. Da godtar sjekken utkastet. Legg ikke inn e-post eller telefon uten at",
            "# personen har sagt ja til det.",
            "personer:",
        ]
        for record in self.people.values():
            lines += _record_lines(record)
        if self.organisations:
            lines.append("organisasjoner:")
            for record in self.organisations.values():
                lines += _record_lines(record)
                if record["type"] == "annet":
                    lines.append("  # type: velg kommune, region, fylkeskommune, etat, selskap, interkommunalt eller annet")
        return "\n".join(lines) + "\n"


def _record_lines(record: dict) -> list[str]:
    lines = []
    for index, (key, value) in enumerate(record.items()):
        prefix = "- " if index == 0 else "  "
        written = "false" if value is False else yaml_scalar(str(value))
        lines.append(f"{prefix}{key}: {written}")
    return [*lines, ""]


def accept_proposals(text: str, root: Path) -> None:
    """What the secretary does with a proposals file: its people appended to
    data/personer.yaml, its organisations to data/organisasjoner.yaml."""
    import yaml

    proposed = yaml.safe_load(text) or {}
    for key, file in (("personer", "personer.yaml"), ("organisasjoner", "organisasjoner.yaml")):
        records = proposed.get(key) or []
        if not records:
            continue
        path = root / "data" / file
        existing = path.read_text(encoding="utf-8")
        blocks = [_record_lines(record) for record in records]
        path.write_text(existing.rstrip("\n") + "\n\n" + "\n".join(line for block in blocks for line in block), encoding="utf-8")
