"""newsctl.names: bylines in, people out."""

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsctl.names import author_names, byline_names, co_authors_written_as_names, person_names

# -- co-authors ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("byline", "people"),
    [
        ("Douglas Wood; Jeremy Herb; Ted Barrett", ["Douglas Wood", "Jeremy Herb", "Ted Barrett"]),
        ("Jane Doe | John Roe", ["Jane Doe", "John Roe"]),
        ("Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
        ("Jane Doe & John Roe", ["Jane Doe", "John Roe"]),
        ("Jane Doe, John Roe and Ann Poe", ["Jane Doe", "John Roe", "Ann Poe"]),
        ("Lars Fischer und Alina Schadwinkel", ["Lars Fischer", "Alina Schadwinkel"]),
        ("Juan Pérez y María López", ["Juan Pérez", "María López"]),
        ("Jean Dupont et Marie Curie", ["Jean Dupont", "Marie Curie"]),
        ("Mario Rossi e Giulia Bianchi", ["Mario Rossi", "Giulia Bianchi"]),
        ("Anna Svensson och Erik Berg", ["Anna Svensson", "Erik Berg"]),
        # A wire's or a newsroom's credit after "and": the person stays, the credit goes.
        ("Jane Doe y EFE", ["Jane Doe"]),
        ("Jane Doe, John Roe und dpa", ["Jane Doe", "John Roe"]),
        ("Ana Ruiz e ANSA", ["Ana Ruiz"]),
        ("Juan Pérez con agencias", ["Juan Pérez"]),
        ("Anna Schmidt mit Agenturen", ["Anna Schmidt"]),
        ("Jean Dupont et agences", ["Jean Dupont"]),
        ("Mario Rossi e agenzie", ["Mario Rossi"]),
        # "And others": the co-authors named are kept.
        ("Jane Doe et al.", ["Jane Doe"]),
        ("Jane Doe et al", ["Jane Doe"]),
        ("Jane Doe u. a.", ["Jane Doe"]),
        ("Jane Doe and others", ["Jane Doe"]),
        ("Jane Doe y otros", ["Jane Doe"]),
        # Further reporters are co-authors after the first.
        ("Jane Doe, with additional reporting by John Roe", ["Jane Doe", "John Roe"]),
        ("Jane Doe. Additional reporting by John Roe", ["Jane Doe", "John Roe"]),
        ("Jane Doe and Ann Poe with reporting from John Roe", ["Jane Doe", "Ann Poe", "John Roe"]),
        ("jane@x.example (Jane Doe), john@x.example (John Roe)", ["Jane Doe", "John Roe"]),
    ],
)
def test_co_authors_are_split(byline, people):
    assert author_names(byline) == people


def test_a_credit_after_and_goes_but_a_surname_after_it_stays():
    assert author_names("Jane Doe y EFE") == ["Jane Doe"]
    assert author_names("Ana Ruiz y Agenjo") == ["Ana Ruiz y Agenjo"]
    assert author_names("José Ortega y Gasset") == ["José Ortega y Gasset"]


@pytest.mark.parametrize(
    ("byline", "people"),
    [
        ("Words by Maja Lind, photos by Oskar Holm", ["Maja Lind"]),
        ("Photos by Oskar Holm, text by Maja Lind", ["Maja Lind"]),
        ("Story by Maja Lind; photography by Oskar Holm", ["Maja Lind"]),
        ("By Maja Lind and Ivo Petrov | Video: Oskar Holm", ["Maja Lind", "Ivo Petrov"]),
        ("Maja Lind, Ivo Petrov, graphics by Oskar Holm", ["Maja Lind", "Ivo Petrov"]),
        ("Text: Maja Lind. Fotos: Oskar Holm", ["Maja Lind"]),
        ("Fotos: Oskar Holm / Text: Maja Lind", ["Maja Lind"]),
        ("Texte : Maja Lind, Photos : Oskar Holm", ["Maja Lind"]),
        ("Texto: Maja Lind. Fotos: Oskar Holm", ["Maja Lind"]),
        ("Illustration: Oskar Holm", []),
        # A writer who took the pictures too is the writer.
        ("Text und Fotos von Maja Lind", ["Maja Lind"]),
        ("Words and pictures by Maja Lind", ["Maja Lind"]),
    ],
)
def test_a_picture_credit_in_a_byline_is_not_an_author(byline, people):
    assert author_names(byline) == people


@pytest.mark.parametrize(
    ("field", "people"),
    [
        # As in a byline: two full names joined are two people.
        ("Maja Lind and Oskar Holm", ["Maja Lind", "Oskar Holm"]),
        ("Maja Lind & Oskar Holm", ["Maja Lind", "Oskar Holm"]),
        ("Maja Lind; Oskar Holm", ["Maja Lind", "Oskar Holm"]),
        ("Words by Maja Lind, photos by Oskar Holm", ["Maja Lind"]),
        # One name as declared: a surname with "y", a group, a firm of single words.
        ("Santiago Ramón y Cajal", ["Santiago Ramón y Cajal"]),
        ("Harbour Editors", ["Harbour Editors"]),
        ("Procter & Gamble", ["Procter & Gamble"]),
    ],
)
def test_a_structured_name_field_naming_several_people_gives_each(field, people):
    assert person_names(field) == people


def test_cjk_co_authors_are_split_at_ideographic_and_full_width_commas():
    assert author_names("山田太郎、鈴木花子") == ["山田太郎", "鈴木花子"]
    assert author_names("王小明，李华") == ["王小明", "李华"]
    assert author_names("王小明；李华；张伟") == ["王小明", "李华", "张伟"]
    # "・" also joins the parts of one foreign name written in katakana: no split there.
    assert author_names("ジョン・スミス、鈴木花子") == ["ジョン・スミス", "鈴木花子"]


@pytest.mark.parametrize(
    "name",
    [
        "José Ortega y Gasset",  # "y" between surnames, not between two people
        "Santiago Ramón y Cajal",
        "Ursula von der Leyen",
        "Walter von Aachen",
        "Dafydd ap Gwilym",
        "Mohammed bin Salman",
    ],
)
def test_a_joining_word_inside_one_name_does_not_split_it(name):
    assert author_names(name) == [name]


def test_surname_comma_given_name_is_one_person():
    assert author_names("Smith, John") == ["Smith, John"]
    assert author_names("Ford, Dana A.") == ["Ford, Dana A."]
    assert author_names("Smith, John; Doe, Jane") == ["Smith, John", "Doe, Jane"]


def test_a_list_is_flattened_in_order():
    assert author_names(["Jane Doe", ["John Roe; Ann Poe"], ("Li Wei",)]) == [
        "Jane Doe",
        "John Roe",
        "Ann Poe",
        "Li Wei",
    ]


# -- words around the names ------------------------------------------------------------------


@pytest.mark.parametrize(
    "byline",
    [
        "By Jane Doe",
        "BY: Jane Doe",
        "by Jane Doe",
        "Written by Jane Doe",
        "Posted by Jane Doe",
        "Von Jane Doe",
        "Par Jane Doe",
        "Por Jane Doe",
        "di Jane Doe",
        "Door Jane Doe",
        "Av Jane Doe",
        "Author: Jane Doe",
        "Autor: Jane Doe",
        "Autorin Jane Doe",
        "Auteur : Jane Doe",
        "Auteur(e) : Jane Doe",
        "Autore: Jane Doe",
        "Geschrieben von Jane Doe",
        "Écrit par Jane Doe",
        "Jane Doe, Reuters",
        "Jane Doe, Staff Writer",
        "Jane Doe - Staff Writer",
        "Jane Doe – Reuters",
        "Staff Writer - Jane Doe",
        "Jane Doe (Reuters)",
        "Jane Doe <jane@example.com>",
        "jane@example.com (Jane Doe)",
        "Jane Doe.",
        "  Jane \t Doe  ",
        "View all posts by Jane Doe",
        "Posted on May 5, 2020 by Jane Doe",
        "Jane Doe Follow",
        "Eine Reportage von Jane Doe",  # the kind of piece, then its writer
        # Roles in other languages.
        "Jane Doe, contributrice",
        "Jane Doe, freie Mitarbeiterin",
        "Jane Doe, colaboradora",
        "Jane Doe, inviata",
        "Jane Doe, chroniqueuse",
    ],
)
def test_byline_words_roles_and_affiliations_go(byline):
    assert author_names(byline) == ["Jane Doe"]


def test_a_role_word_after_a_first_name_alone_is_a_surname():
    assert author_names("Anna Fotograf") == ["Anna Fotograf"]
    assert author_names("Paul Mitarbeiter") == ["Paul Mitarbeiter"]
    assert author_names("Anna Berg Fotografin") == ["Anna Berg"]


@pytest.mark.parametrize(
    "agency", ["Agence France-Presse", "Deutsche Presse-Agentur", "The Canadian Press",
               "United Press International", "Press Trust of India"]
)  # fmt: skip
def test_a_news_agency_by_its_full_name_is_no_person(agency):
    assert author_names(agency) == person_names(agency) == []
    assert person_names(f"Jane Doe and {agency}") == ["Jane Doe"]


@pytest.mark.parametrize(
    "phrase", ["un Super contributeur", "a Guest Author", "une Contributrice", "ein Gastautor"]
)
def test_a_phrase_opened_by_an_article_is_not_a_name(phrase):
    assert author_names(phrase) == []
    assert author_names("bell hooks") == ["bell hooks"]  # lower case alone is no phrase


@pytest.mark.parametrize(
    ("byline", "name"),
    [
        ("Автор: Иван Петров", "Иван Петров"),
        ("作者：张三", "张三"),
        ("文/李四", "李四"),
        ("홍길동 기자", "홍길동"),
        ("저자: 김민수", "김민수"),
        ("著者: 山田太郎", "山田太郎"),
    ],
)
def test_author_words_and_roles_in_other_scripts_go(byline, name):
    assert author_names(byline) == [name]


@pytest.mark.parametrize(
    "word",
    ["Author", "Author:", "Autor", "Auteur", "Auteur(e)", "Autore", "Автор", "著者", "作者",
     "저자", "By", "Von", "Written by"],
)  # fmt: skip
def test_a_byline_word_alone_is_not_a_name(word):
    assert author_names(word) == []


# -- not people ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "byline",
    [
        "Staff",
        "News Desk",
        "Newsroom",
        "Editorial",
        "Redaktion",
        "Team",
        "Agency",
        "Reuters",
        "AFP",
        "AP",
        "dpa",
        "Associated Press",
        "The Associated Press",
        "CNN",
        "BBC",
        "Guardian staff reporter",
        "2024-05-01",
        "May 5, 2020",
        "https://example.com/authors/jane",
        "www.example.com",
        "example.com",
        "jane@example.com",
        # Addresses hidden from harvesters are addresses still.
        "jane [at] example [dot] com",
        "jane (at) example (dot) com",
        "jane [AT] example [DOT] com",
        "jane at example dot com",
        "Meta name author",
        "R2D2 Smith",
        "admin",
        "Unknown",
        # A button or a label alone, as pages put them in author boxes ("Contact", "Follow").
        "Contact",
        "Follow",
        "Profile",
        # A box's heading run into its first words, an advertisement's label, a translator's
        # credit, a heading ending in a by-word or a date's preposition.
        "新华社",
        "Zur Person Alle",
        "About the author Jane",
        "Gesponserte Inhalte",
        "Sponsored",
        "Übersetzung Jane Doe",
        "Translated by",
        "Disko Von",
        "Jane Doe le",
        "",
        "   ",
    ],
)
def test_newsrooms_wires_dates_links_and_junk_are_not_people(byline):
    assert author_names(byline) == []


@pytest.mark.parametrize(
    ("byline", "people"),
    [
        ("Rechtsanwalt Sebastian Roth", ["Sebastian Roth"]),
        ("Senior Editor Jane Doe", ["Jane Doe"]),
        ("Reporter Jane Doe", ["Jane Doe"]),
        ("Dr. Jane Doe", ["Dr. Jane Doe"]),  # an academic title is kept, as the page writes it
    ],
)
def test_a_role_or_profession_before_a_full_name_goes(byline, people):
    assert author_names(byline) == people


@pytest.mark.parametrize(
    ("byline", "people"),
    [
        # After "|" or "/", a role or a place is what the byline says of the name.
        ("Jane Roe | Senior Reporter", ["Jane Roe"]),
        ("Tom Hale | Chief Political Correspondent", ["Tom Hale"]),
        ("Jane Roe | Berlin", ["Jane Roe"]),
        ("Jane Doe; John Roe", ["Jane Doe", "John Roe"]),
        ("山田太郎、鈴木花子", ["山田太郎", "鈴木花子"]),
        # Where the writer is, after a full name.
        ("Jane Roe in Washington", ["Jane Roe"]),
        ("Jane Roe aus Berlin", ["Jane Roe"]),
        ("Jane Roe in Paris and John Doe in Rome", ["Jane Roe", "John Doe"]),
        ("Jan de Vries en Piet Jansen", ["Jan de Vries", "Piet Jansen"]),
        # A generational suffix is part of the name, with or without its comma.
        ("John Smith, Jr.", ["John Smith Jr."]),
        ("Martin Luther King Jr.", ["Martin Luther King Jr."]),
        ("Smith, John Jr.", ["Smith, John Jr."]),
        ("Hale Jr., Tom", ["Hale Jr., Tom"]),
    ],
)
def test_what_a_byline_says_of_a_name_is_not_a_co_author(byline, people):
    assert author_names(byline) == people


def test_the_site_itself_is_not_a_person():
    sites = ["The Port Alder Gazette", "gazette.example"]
    assert author_names("Port Alder Gazette", not_people=sites) == []
    assert author_names("port alder gazette", not_people=sites) == []
    assert author_names("The Verge", not_people=["theverge.com"]) == []
    assert author_names("Gazette.example", not_people=sites) == []
    assert author_names("Jane Doe; Port Alder Gazette", not_people=sites) == ["Jane Doe"]
    assert author_names("Jane Doe", not_people=sites) == ["Jane Doe"]
    assert author_names("Gazette", not_people="Gazette") == []  # one name, not its letters
    assert author_names("Jane Doe", not_people=iter(["Gazette"])) == ["Jane Doe"]


@pytest.mark.parametrize(
    ("byline", "people"),
    [
        ("Stadtmagazin Nordhafen", []),
        ("KI Fachverlag", []),
        ("Redaktion Hafenticker Ost", []),
        ("Wochenzeitung", []),
        ("Lena Wochenzeitung; Jana Blatt", ["Jana Blatt"]),
        ("Tom Sticker", ["Tom Sticker"]),  # a short word that merely ends so is a surname
    ],
)
def test_german_compounds_ending_in_a_newsroom_word_are_organisations(byline, people):
    assert author_names(byline) == people


def test_wire_initials_are_matched_as_written():
    # "ap" in a Welsh name is not the Associated Press.
    assert author_names("Jane Doe, AP") == ["Jane Doe"]
    assert author_names("Dafydd ap Gwilym") == ["Dafydd ap Gwilym"]


# -- spelling kept -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "Dana A. Ford",
        "Perry Bacon Jr.",
        "Joe S.",
        "bell hooks",
        "Loïc Le Clerc",
        "Sylvia Torres-Guillén",
        "Gavin O'Callaghan",
        # Particles start surnames; capitalised, "Le" and "Du" also end names.
        "Harald zur Hausen",
        "Tuan Le",
        "Mai Du",
        "Ludwig van Beethoven",
        "محمد أحمد",
        "李小龙",
        "Иван Петров",
        "Γιώργος Παπαδόπουλος",
        "דוד כהן",
        "김민수",
    ],
)
def test_names_keep_their_spelling_initials_and_script(name):
    assert author_names(name) == [name]


@pytest.mark.parametrize(
    ("byline", "people"),
    [
        ("DANA FORD", ["Dana Ford"]),
        ("By JANE DOE and John Roe", ["Jane Doe", "John Roe"]),
        ("ÉMILE VAN DER BERG", ["Émile van der Berg"]),
        ("JEAN-PAUL O'BRIEN", ["Jean-Paul O'Brien"]),
        ("J.R.R. TOLKIEN", ["J.R.R. Tolkien"]),
        ("Jane DOE", ["Jane DOE"]),  # not all capitals: written so on purpose
    ],
)
def test_names_written_in_capitals_are_styling(byline, people):
    assert author_names(byline) == people


def test_names_are_nfc_and_single_spaced():
    decomposed = unicodedata.normalize("NFD", "Zoë  Müller")
    assert author_names(decomposed) == ["Zoë Müller"]
    assert unicodedata.is_normalized("NFC", author_names(decomposed)[0])


def test_invisible_characters_go():
    assert author_names("Jane\u00adDoe Smith") == ["JaneDoe Smith"]
    assert author_names("\u200bJane Doe\u200e") == ["Jane Doe"]


def test_duplicates_go_case_insensitively_keeping_the_first():
    assert author_names(["Jane Doe", "JANE DOE", "John Roe", "jane doe"]) == [
        "Jane Doe",
        "John Roe",
    ]
    nfd = unicodedata.normalize("NFD", "Zoë Roe")
    assert author_names(["Zoë Roe", nfd]) == ["Zoë Roe"]


def test_anything_but_strings_is_no_byline():
    assert author_names(None) == []
    assert author_names(42) == []
    assert author_names({"name": "Jane Doe"}) == []
    assert author_names(["Jane Doe", None, 3]) == ["Jane Doe"]


# -- bylines in page text -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "people"),
    [
        ("By Jane Doe", ["Jane Doe"]),
        ("By Jane Doe on May 5, 2020", ["Jane Doe"]),
        ("By Jane Doe | 3 comments", ["Jane Doe"]),
        ("Von Jane Doe und John Roe, 12.05.2019", ["Jane Doe", "John Roe"]),
        ("Posted on September 21, 2020 by Jane Doe", ["Jane Doe"]),
        ("06.11.2023 13:30 von Olga", ["Olga"]),
        ("06.11.2023 13:30 Uhr von Olga", ["Olga"]),
        ("Posted 3 hours ago by Jane Doe", ["Jane Doe"]),
        ("vor 3 Stunden von Jane Doe", ["Jane Doe"]),
        ("18 février 2020 Par Loïc Durand", ["Loïc Durand"]),
        ("Home | By Jane Doe | 5 May", ["Jane Doe"]),
        ("Autor: Jane Doe", ["Jane Doe"]),
        ("Redaktion: Jane Doe", ["Jane Doe"]),
        ("Blog Beitrag von Jane Doe", ["Jane Doe"]),
        ("Eine Analyse von Jane Doe", ["Jane Doe"]),
        ("Opinion by Jane Doe", ["Jane Doe"]),
        ("View all posts by Jane Doe | 3 comments", ["Jane Doe"]),
        ("Von Ursula von der Leyen", ["Ursula von der Leyen"]),
        ("By Marine Le Pen", ["Marine Le Pen"]),
    ],
)
def test_lines_that_read_as_bylines(line, people):
    assert byline_names(line) == people


@pytest.mark.parametrize(
    "line",
    [
        "Photo by Jane Doe",
        "Powered by WordPress",
        "Theme by Jane Doe",
        "Stand by Me",
        "By the time the council met, the harbour was already full of boats",
        "By the way, this is great",
        "The mayor said the harbour would reopen by Friday.",
        "Jane Doe",
        # A number in a headline is no date: what follows it up to the by-word is not time.
        "Bücher zum 110. Geburtstag von Herman Bang",
        "Spalier am 18. Fairway von Augusta",
        "Over 7 Million Users and Praised by Experts",
        # A span of time that is no age ("3 hours ago") is no time of publication either.
        "Top 10 Hours by Train",
        "Die 5 Minuten von Olaf Scholz",
        # Without a colon "Redaktion" starts the newsroom's name, not a label.
        "Redaktion Grüne Tafel",
        # Lead-in words before the by-word, then one word: a heading's, not a name.
        "Posts by Category",
        "Ein Lied von Herman Bang",
    ],
)
def test_other_lines_name_nobody(line):
    assert byline_names(line) == []


# -- any input ----------------------------------------------------------------------------------

bylines = st.recursive(
    st.text(max_size=80) | st.none() | st.integers(),
    lambda inner: st.lists(inner, max_size=4),
    max_leaves=8,
)


@settings(max_examples=300, deadline=None)
@given(raw=bylines, sites=st.lists(st.text(max_size=20), max_size=3))
def test_any_byline_gives_a_list_of_clean_names(raw, sites):
    names = author_names(raw, not_people=sites)
    assert isinstance(names, list)
    for name in names:
        assert isinstance(name, str) and name and name == name.strip()
        assert "  " not in name
    assert len({name.casefold() for name in names}) == len(names)


@settings(max_examples=200, deadline=None)
@given(line=st.text(max_size=120))
def test_any_line_gives_a_list_of_clean_names(line):
    for name in byline_names(line):
        assert name and name == name.strip()


@settings(max_examples=200, deadline=None)
@given(
    first=st.sampled_from(["Jane", "Ana", "Zoë", "Li", "Olu"]),
    last=st.sampled_from(["Doe", "Ruiz", "Müller", "Wei", "Adeyemi"]),
    prefix=st.sampled_from(["", "By ", "Von ", "Par ", "Written by ", "Autor: "]),
    suffix=st.sampled_from(["", ", Reuters", " - Staff Writer", " (AP)", ", Staff"]),
)
def test_a_name_survives_any_prefix_and_suffix(first, last, prefix, suffix):
    assert author_names(f"{prefix}{first} {last}{suffix}") == [f"{first} {last}"]


# -- accounts, dates and descriptions beside names --------------------------------------------


def test_account_names_joined_by_underscores_are_newsrooms():
    assert author_names("KB_Redaktion") == []
    assert author_names("news_desk") == []


def test_von_before_an_account_name_is_the_by_word():
    # "Von" stays only where it can start a surname: before a capital ("Von Trier").
    assert author_names("Von beetfan") == ["beetfan"]
    assert author_names("Von Trier") == ["Von Trier"]


def test_a_date_after_a_name_goes_with_its_preposition():
    assert author_names("Gespeichert von Jana Lind am 7. Juli 2019 - 18:44") == ["Jana Lind"]
    assert author_names("Jane Doe on May 5, 2020") == ["Jane Doe"]


def test_co_authors_from_page_text_are_written_as_names():
    names = ["catchmorefish", "Expertin für Neue Arbeit", "Jens Olsen", "Ursula von der Leyen"]
    assert co_authors_written_as_names(names) == [
        "catchmorefish", "Jens Olsen", "Ursula von der Leyen",
    ]  # fmt: skip


def test_an_organisation_before_a_dash_gives_the_person_after_it():
    assert author_names("Metaebene Personal Media - Tim Pritlove") == ["Tim Pritlove"]
    assert author_names("Jane Doe - Reuters") == ["Jane Doe"]
    assert author_names("Harbour Press Agency – Ana Ruiz") == ["Ana Ruiz"]
