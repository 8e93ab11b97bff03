"""One schema per kind of record.

The YAML keys are Norwegian because the secretary writes them; the attribute
names on the model are English because developers read them. The validator,
the scaffold (scripts/new_meeting.py) and the secretary's guide all read these
declarations, so a field is described in exactly one place.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    key: str  # the key as written in YAML (Norwegian)
    attr: str  # the attribute on the model object (English)
    kind: str  # see KINDS below
    required: bool = False
    help: str = ""  # Norwegian, shown in the guide
    example: object = None
    choices: tuple[str, ...] = ()
    ref: str = ""  # for "ref"/"refs": the kind of record referred to
    record: str = ""  # for "records": the schema of each entry
    # False: never in the open data export (data.json). A person's e-mail and
    # phone are published only when listed under «offentlig».
    public: bool = True


# What each kind of field accepts. The validator has one check per kind.
KINDS = {
    "text": "tekst",
    "multiline": "tekst over flere linjer",
    "date": "dato (ÅÅÅÅ-MM-DD)",
    "time": "klokkeslett (13:00)",
    "choice": "ett av de tillatte ordene",
    "ref": "en id (kortnavn) for en annen oppføring",
    "refs": "en liste med id-er",
    "texts": "en liste med tekster",
    "choices": "en liste med tillatte ord",
    "records": "en liste med oppføringer",
    "url": "en nettadresse som starter med https://",
    "email": "en e-postadresse",
    "phone": "et telefonnummer i anførselstegn",
    "bool": "true eller false",
    "path": "en filsti",
}


@dataclass(frozen=True)
class Schema:
    name: str  # English name of the kind of record
    label: str  # Norwegian name, used in messages
    fields: tuple[Field, ...]
    data_file: str = ""  # for records kept in data/: the file name
    plural: str = ""  # Norwegian plural, used in messages

    def by_key(self) -> dict[str, Field]:
        return {f.key: f for f in self.fields}


ID_HELP = "Kortnavn med små bokstaver, tall og bindestrek, uten æ, ø og å."

PUBLIC_CONTACT_FIELDS = ("epost", "telefon")

PERSON = Schema(
    name="person",
    label="person",
    plural="personer",
    data_file="personer.yaml",
    fields=(
        Field("id", "id", "text", True, ID_HELP, "asbjorn-lunde"),
        Field("navn", "name", "text", True, "Fullt navn slik personen selv skriver det.", "Asbjørn Lunde"),
        Field(
            "organisasjon",
            "organisation",
            "ref",
            False,
            "Organisasjonen personen representerer. Utelat når den ikke er kjent.",
            "elverum-vekst",
            ref="organisation",
        ),
        Field("roller", "roles", "texts", False, "Roller i nettverket, for eksempel «leder av Næringsgruppen».", ["ansvarlig for arbeidsgruppe 2"]),
        Field("epost", "email", "email", False, "Jobb-e-post. Vises bare hvis «epost» står under «offentlig».", "navn@kommune.no", public=False),
        Field("telefon", "phone", "phone", False, "Jobbtelefon. Vises bare hvis «telefon» står under «offentlig».", "+47 900 00 000", public=False),
        Field(
            "offentlig",
            "public_fields",
            "choices",
            False,
            "Kontaktfelt som personen har sagt ja til å vise: epost og/eller telefon. Krever «samtykke».",
            ["epost"],
            choices=PUBLIC_CONTACT_FIELDS,
            public=False,
        ),
        Field(
            "samtykke",
            "consent",
            "text",
            False,
            "Hvor og når personen sa ja til at feltene under «offentlig» vises. Uten dette vises ingen kontaktfelt.",
            "E-post fra personen til sekretæren 3. mars 2025",
            public=False,
        ),
        Field("navn_bekreftet", "name_confirmed", "bool", False, "Sett til false når skrivemåten av navnet ikke er bekreftet.", True),
        Field("andre_skrivemåter", "aliases", "texts", False, "Andre skrivemåter av navnet som finnes i referatene.", ["Eli Bryhni"], public=False),
        Field("merknad", "note", "text", False, "Merknad, for eksempel om usikker skrivemåte.", public=False),
        Field("kilde", "source", "text", False, "Hvor opplysningene kommer fra.", public=False),
    ),
)

ORGANISATION_TYPES = ("kommune", "region", "fylkeskommune", "etat", "selskap", "interkommunalt", "annet")

ORGANISATION = Schema(
    name="organisation",
    label="organisasjon",
    plural="organisasjoner",
    data_file="organisasjoner.yaml",
    fields=(
        Field("id", "id", "text", True, ID_HELP, "baerum-kommune"),
        Field("navn", "name", "text", True, "Organisasjonens navn.", "Bærum kommune"),
        Field("type", "kind", "choice", True, "Hva slags organisasjon det er.", "kommune", choices=ORGANISATION_TYPES),
        Field("fylke", "county", "text", False, "Fylke, bare med kilde."),
        Field("nettsted", "website", "url", False, "Nettsted, bare med kilde."),
        Field("andre_skrivemåter", "aliases", "texts", False, "Andre skrivemåter av navnet."),
        Field("kilde", "source", "text", False, "Hvor opplysningene kommer fra."),
    ),
)

GROUP_STATUSES = ("aktiv", "ikke startet", "avsluttet")

GROUP = Schema(
    name="group",
    label="gruppe",
    plural="grupper",
    data_file="grupper.yaml",
    fields=(
        Field("id", "id", "text", True, ID_HELP, "naeringsgruppen"),
        Field("navn", "name", "text", True, "Kort navn.", "Næringsgruppen"),
        Field("fullt_navn", "full_name", "text", False, "Fullt navn.", "Faggruppe for næringssamarbeid"),
        Field("overordnet", "parent", "ref", False, "Gruppen denne er en arbeidsgruppe under.", "naeringsgruppen", ref="group"),
        Field("nummer", "number", "text", False, "Nummeret arbeidsgruppen har i referatene.", "2"),
        Field("leder", "leader", "ref", False, "Leder av gruppen.", "eli-arnkvaern-bryhni", ref="person"),
        Field("ansvarlig", "responsible", "ref", False, "Ansvarlig for arbeidsgruppen.", "asbjorn-lunde", ref="person"),
        Field("sekretær", "secretary", "ref", False, "Gruppens sekretær.", "mari-stromsvag", ref="person"),
        Field("medlemmer", "members", "refs", False, "Medlemmer (inviteres til møtene).", ["asbjorn-lunde"], ref="person"),
        Field("mandat", "mandate", "multiline", False, "Hva gruppen skal gjøre."),
        Field("status", "status", "choice", True, "Om gruppen er i arbeid.", "aktiv", choices=GROUP_STATUSES),
        Field("opprettet", "established", "date", False, "Datoen gruppen ble opprettet.", "2025-01-16"),
        Field("kilde", "source", "text", False, "Hvor opplysningene kommer fra."),
    ),
)

FOCUS_AREA = Schema(
    name="focus_area",
    label="satsingsområde",
    plural="satsingsområder",
    data_file="satsingsomrader.yaml",
    fields=(
        Field("id", "id", "text", True, ID_HELP, "sirkulaerokonomi"),
        Field("navn", "name", "text", True, "Navnet på satsingsområdet.", "Sirkulærøkonomi"),
        Field("arbeidsgruppe", "working_group", "ref", False, "Arbeidsgruppen som har ansvaret.", "arbeidsgruppe-2", ref="group"),
        Field("beskrivelse", "description", "multiline", False, "Kort beskrivelse."),
        Field("status", "status", "choice", True, "Om området er i arbeid.", "aktiv", choices=GROUP_STATUSES),
    ),
)

CLUSTER_LEVELS = ("Arena", "Arena Pro", "Global")

CLUSTER = Schema(
    name="cluster",
    label="klynge",
    plural="klynger",
    data_file="klynger.yaml",
    fields=(
        Field("id", "id", "text", True, ID_HELP, "norwegian-space-cluster"),
        Field("navn", "name", "text", True, "Klyngens navn.", "Norwegian Space Cluster"),
        Field("nivå", "level", "choice", False, "Nivå i Innovasjon Norges klyngeprogram.", "Arena Pro", choices=CLUSTER_LEVELS),
        Field("region", "region", "text", False, "Fylke eller region."),
        Field("bransje", "sector", "text", False, "Bransje eller fagområde."),
        Field("nettsted", "website", "url", False, "Nettsted, bare med kilde."),
        Field("kontaktperson", "contact", "ref", False, "Kontaktperson.", ref="person"),
        Field("merknad", "note", "multiline", False, "Hva referatene sier om klyngen."),
        Field("kilde", "source", "text", False, "Hvor opplysningene kommer fra."),
    ),
)

EVENT = Schema(
    name="event",
    label="arrangement",
    plural="arrangementer",
    data_file="arrangementer.yaml",
    fields=(
        Field("id", "id", "text", True, ID_HELP, "best-konferansen-2025"),
        Field("tittel", "title", "text", True, "Navnet på arrangementet.", "BEST-konferansen 2025"),
        Field("dato", "date", "date", True, "Dato.", "2025-06-04"),
        Field("start", "start", "time", False, "Starttid.", "09:00"),
        Field("slutt", "end", "time", False, "Sluttid.", "16:00"),
        Field("sted", "place", "text", False, "Sted."),
        Field("lenke", "link", "url", False, "Lenke til mer informasjon."),
        Field("gruppe", "group", "ref", False, "Gruppen som arrangerer eller anbefaler.", ref="group"),
        Field("kilde", "source", "text", False, "Hvor opplysningene kommer fra."),
    ),
)

ACTION_STATUSES = ("åpen", "ferdig", "utgår")

# The agenda is written in the body of the minutes (docs-dev/minutes-format.md),
# not in front matter. These two schemas describe what the body yields, as the
# open data export (data.json) and its documentation show it.
ACTION_ITEM = Schema(
    name="action_item",
    label="oppfølgingspunkt",
    fields=(
        Field(
            "ansvarlig", "owner", "refs", True, "Hvem som skal gjøre det (personer eller grupper), fra «Ansvar:».", ["hanne-mai-eriksen"], ref="person_or_group"
        ),
        Field("oppgave", "task", "text", True, "Hva som skal gjøres: teksten i punktet.", "Dele kontaktinformasjonen til klyngene."),
        Field("frist", "due", "date", False, "Frist, fra «Frist:».", "2025-06-01"),
        Field("status", "status", "choice", True, "åpen («- [ ]»), ferdig («- [x]») eller utgår («Status: utgår»).", "åpen", choices=ACTION_STATUSES),
        Field(
            "fra",
            "carried_from",
            "text",
            False,
            "Nøkkelen til punktet i et tidligere møte som dette følger opp, fra «Fra:».",
            "naeringsgruppen/2025-udatert#sak-3-1",
        ),
        Field(
            "gruppe",
            "group",
            "ref",
            False,
            "Arbeidsgruppen når punktet står under gruppens del av saken («### Gruppe 2 – …»), ellers gruppen til punktet det følger opp («Fra:»).",
            "arbeidsgruppe-2",
            ref="group",
        ),
        Field(
            "satsingsområder",
            "focus_areas",
            "refs",
            False,
            "Satsingsområdene punktet hører til, også dem punktet det følger opp («Fra:») hørte til.",
            ["sirkulaerokonomi"],
            ref="focus_area",
        ),
    ),
)

AGENDA_ITEM = Schema(
    name="agenda_item",
    label="sak",
    fields=(
        Field("nr", "number", "text", False, "Saksnummer slik det står i overskriften: «3» eller «Sak 38/25».", "3"),
        Field("tittel", "title", "text", True, "Sakens tittel, fra overskriften.", "Næringsklynger – status"),
        Field("nr_rekonstruert", "number_restored", "bool", False, "true når nummeret ikke står i originalen («## [4] …»).", False),
        Field("satsingsområder", "focus_areas", "refs", False, "Satsingsområder saken handler om.", ["sirkulaerokonomi"], ref="focus_area"),
        Field("klynger", "clusters", "refs", False, "Klynger saken nevner.", ["norwegian-space-cluster"], ref="cluster"),
        Field("grupper", "groups", "refs", False, "Arbeidsgrupper saken handler om.", ["arbeidsgruppe-2"], ref="group"),
        Field(
            "møte",
            "refers_to_meeting",
            "ref",
            False,
            "Et tidligere møte saken gjelder, for eksempel referatet som godkjennes.",
            "naeringsgruppen/2025-01-16",
            ref="meeting",
        ),
        Field("vedtak", "decisions", "texts", False, "Vedtak, fra «Vedtak:».", ["Referatet ble godkjent."]),
        Field("oppfølging", "actions", "records", False, "Oppfølgingspunkter.", record="action_item"),
    ),
)

ATTACHMENT = Schema(
    name="attachment",
    label="vedlegg",
    fields=(
        Field("tittel", "title", "text", True, "Hva vedlegget er.", "Presentasjon fra Innovasjon Norge"),
        Field(
            "fil",
            "file",
            "path",
            False,
            "Filen, relativt til referatet, i mappen vedlegg/. Utelat når vedlegget ikke finnes i arkivet.",
            "vedlegg/presentasjon.pdf",
        ),
    ),
)

MEETING_STATUSES = ("planlagt", "utkast", "godkjent")
LANGUAGE_FORMS = ("bokmål", "nynorsk")
MEETING_STATUS_LABELS = {
    "planlagt": "Planlagt møte",
    "utkast": "Avholdt – referatet er et utkast",
    "godkjent": "Avholdt – referatet er godkjent",
}
# Short labels for badges and tables.
MEETING_STATUS_SHORT = {"planlagt": "Planlagt", "utkast": "Utkast", "godkjent": "Godkjent"}

# The front matter of a minutes file: the facts of the meeting.
MEETING = Schema(
    name="meeting",
    label="møte",
    fields=(
        Field("gruppe", "group", "ref", True, "Gruppen som holdt møtet (id eller navn).", "naeringsgruppen", ref="group"),
        Field("dato", "date", "date", False, "Møtedato. Utelat bare når datoen ikke er kjent, og fyll da ut dato_etter og dato_før.", "2026-01-15"),
        Field("dato_etter", "date_after", "date", False, "Når datoen ikke er kjent: møtet var etter denne datoen.", "2025-01-16"),
        Field("dato_før", "date_before", "date", False, "Når datoen ikke er kjent: møtet var før denne datoen.", "2025-04-08"),
        Field("dato_merknad", "date_note", "text", False, "Hvorfor datoen ikke er kjent."),
        Field("start", "start", "time", False, "Starttid, som 13:00.", "13:00"),
        Field("slutt", "end", "time", False, "Sluttid, som 15:00.", "15:00"),
        Field("sted", "place", "text", False, "Møtested.", "Osloregionens kontor, Oslo"),
        Field("digitalt", "online", "text", False, "Digital plattform når møtet (også) var digitalt.", "Teams"),
        Field("status", "status", "choice", True, "planlagt, utkast (avholdt, referatet ikke godkjent) eller godkjent.", "utkast", choices=MEETING_STATUSES),
        Field("møteleder", "chair", "ref", False, "Møteleder (fullt navn eller id).", "Eli Arnkværn Bryhni", ref="person"),
        Field("referent", "secretary", "ref", False, "Referent.", "Mari Strømsvåg", ref="person"),
        Field("tilstede", "present", "refs", False, "Til stede i rommet (ikke møteleder), én per linje.", ["Dag Aanensen"], ref="person"),
        Field("tilstede_digitalt", "present_online", "refs", False, "Til stede digitalt.", ["Asbjørn Lunde"], ref="person"),
        Field("forfall", "absent", "refs", False, "Meldt forfall.", ["Fredrik Salberg"], ref="person"),
        Field("inviterte", "invited", "refs", False, "Inviterte, bare når de ikke er gruppens medlemmer.", ["Dag Aanensen"], ref="person"),
        Field("arrangementer", "events", "refs", False, "Arrangementer referatet nevner (tittel eller id).", ["BEST-konferansen 2025"], ref="event"),
        Field("vedlegg", "attachments", "records", False, "Vedlegg.", record="attachment"),
        Field("kilde", "source", "text", False, "Hvor referatet kommer fra (for eksempel skannet PDF)."),
        Field("referat_i_arkivet", "minutes_in_archive", "bool", False, "false når møtet er kjent, men referatet ikke finnes her.", True),
        Field(
            "målform",
            "language_form",
            "choice",
            False,
            "Referatets målform. Nynorsk kjennes som regel igjen av seg selv; skriv feltet bare når nettstedet tar feil.",
            "nynorsk",
            choices=LANGUAGE_FORMS,
        ),
    ),
)

# The front matter a page of the site (not minutes) may have.
PAGE = Schema(
    name="page",
    label="side",
    fields=(
        Field("title", "title", "text", False, "Sidens tittel."),
        Field("description", "description", "text", False, "Kort beskrivelse for søkemotorer."),
        Field("render_macros", "render_macros", "bool", False, "true når siden viser deler av arkivet med makroer (docs-dev/pages.md)."),
    ),
)

RECORD_SCHEMAS = {s.name: s for s in (PERSON, ORGANISATION, GROUP, FOCUS_AREA, CLUSTER, EVENT)}
NESTED_SCHEMAS = {s.name: s for s in (ACTION_ITEM, AGENDA_ITEM, ATTACHMENT)}
ALL_SCHEMAS = {**RECORD_SCHEMAS, **NESTED_SCHEMAS, MEETING.name: MEETING}
