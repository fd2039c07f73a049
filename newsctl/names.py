"""Author names from bylines: the one place where what a source calls its author becomes people.

Every input format hands its byline to `author_names`: a feed's `<author>` or
`dc:creator`, a JSON record's `author`, a saved page's "By …" line, an HTML
page's metadata. What comes in is whatever the publisher wrote ("By Jane Doe
and John Roe, Reuters", "Von Roland Brockmann und Sebastian Drescher",
"news@example.com (Clara Neves)", "Staff", "Meta name author"); what goes out
is the ordered list of the people among it, and, for a byline that names no one
but a newsroom or a wire service, that credit (`credit_name`; `wire_credit` reads it
from a text's dateline, "WASHINGTON (AP) —").

The rules describe how bylines are written, not particular sites. They come
from the conventions of news bylines as published (and as the corpus of real
pages in ../shared/corpus shows them; tuned on its tuning half only):

- co-authors are joined by ";", "|", "/", "·", commas, "and", "&", "with", and
  the word for "and" of other languages ("und", "y", "et", "e", "en", "och",
  "og", "i", "и") when it stands between two full names or before a wire's or
  newsroom's credit ("Jane Doe y EFE", "Jean Dupont et agences"); Chinese and
  Japanese join them with the ideographic comma "、" and the full-width "，" and
  "；" (but "・" also joins the parts of one foreign name written in katakana);
- "with (additional) reporting by" credits co-authors after the first; "et al.",
  "u. a.", "and others", "y otros" stand for co-authors left unnamed;
- a byline may credit each role ("Words by Jane Doe, photos by John Roe", "Texte :
  …, Photos : …"): the credit of pictures, videos and graphics names no author, as a
  picture's credit on a page does not (parsers.page_authors);
- a byline starts with the word for "by" or for "author" (in English, German,
  French, Spanish, Portuguese, Italian, Dutch, the Nordic languages, Polish,
  Russian, Chinese, Japanese, Korean, Arabic, Hebrew, Hindi), and may end with
  a role or an affiliation after a comma or a dash ("Jane Doe, Reuters",
  "Jane Doe - Staff Writer"); Korean, Japanese and Chinese bylines put the
  word for "reporter" after the name;
- newsrooms, wire services, publishers and the site itself take the byline
  slot when no person does (schema.org allows an Organization as `author`;
  wire copy is credited "AP", "dpa", "Reuters"): they are not people, nor are
  dates, links, e-mail addresses (also written "jane [at] example [dot] com" to
  hide them from harvesters), template leftovers, or anything with digits;
- RSS 2.0 `<author>` is an e-mail address, optionally followed by the name in
  parentheses (RSS 2.0 specification, "Elements of <item>"); "Name <address>"
  is the e-mail form (RFC 5322); a field may list several of either, comma-separated.
"""

import functools
import re
import unicodedata
from collections.abc import Iterable

from newsctl.text import clean_line

# -- words that introduce a byline ---------------------------------------------------------

# "by" in the languages of most news sites. "Di", "Da" and "Von" are also the first word of
# surnames ("Di Maio", "Von Trier"), so those two are taken as "by" only before a full name.
# ("Per", "Da" and "De" are left out: "Per Mertesacker", "Da Silva", "De Vita".)
_BY = ("by", "par", "por", "door", "av", "af", "przez", "от", "vom")
_BY_BEFORE_FULL_NAME = ("von", "di")
# Phrases ending in "by" ("Written by", "Publié par", "Eingestellt von" on Blogger).
_BY_PHRASES = (
    "written by", "posted by", "published by", "story by", "words by", "text by",
    "reporting by", "reported by", "compiled by", "edited by", "article by", "a post by",
    "additional reporting by", "with reporting by",
    "geschrieben von", "verfasst von", "ein beitrag von", "ein gastbeitrag von",
    "eingestellt von", "veröffentlicht von", "erstellt von", "text von", "text und fotos von",
    "écrit par", "rédigé par", "publié par", "un article de", "escrito por", "publicado por",
    "redactado por", "scritto da", "pubblicato da", "a cura di", "geschreven door",
    "skrevet av", "skrivet av", "publicerad av", "napisał", "napisała", "автор:",
)  # fmt: skip
# The word for "author" (and its feminine and inclusive forms) in common languages; alone it
# is a label, not a name.
_AUTHOR_WORDS = (
    "author", "authors", "autor", "autorin", "autoren", "autor*in", "autor:in", "autorinnen",
    "autora", "autores", "auteur", "auteure", "auteur(e)", "auteurs", "autrice", "autore",
    "autori", "författare", "forfatter", "kirjoittaja", "szerző", "yazar", "συγγραφέας",
    "автор", "автори", "авторы", "автор(ы)", "著者", "作者", "筆者", "저자", "글", "記者",
    "记者", "기자", "撰文", "文", "كاتب", "الكاتب", "بقلم", "מאת", "लेखक", "verfasser",
    "verfasserin", "byline", "writer", "written",
)  # fmt: skip

# -- words that say a name is not a person ------------------------------------------------

# Wire services, and the words of the newsrooms that credit them: "agencias" and "agences" in
# the plural, for copy that mixes the writer's reporting with the wires' ("con agencias").
_WIRE_WORDS = {
    "reuters", "xinhua", "tass", "interfax", "bloomberg", "belga", "kyodo", "yonhap", "agency",
    "agencies", "agencia", "agencias", "agence", "agences", "agentur", "agenturen", "agenzia",
    "agenzie", "agências", "agencje", "agentschappen", "wire", "wires", "staff", "redaktion",
    "agência", "agencja", "agentschap",
}  # fmt: skip
# Accounts and placeholders that templates put in the author slot: they credit no one.
_PLACEHOLDERS = {
    "admin", "administrator", "webmaster", "moderator", "anonymous", "anonym", "unknown",
    "guest", "gast", "user", "member", "null", "none", "undefined", "n/a", "nobody", "account",
}  # fmt: skip
# Newsrooms, wire services and words for them. A byline made of one of these, or holding
# one as a word ("Redaktion Polizeiticker", "HLNF Staff Report"), credits an organisation.
_NEWSROOM_WORDS = _WIRE_WORDS | _PLACEHOLDERS | {
    "news", "newsroom", "newsdesk", "desk", "editorial", "editors", "editor",
    "redaktionsteam", "redaktionen", "redacción", "redaccion", "rédaction",
    "redazione", "redactie", "redakcja", "redação", "редакция", "编辑部", "編集部", "편집부",
    "team", "press", "presse", "prensa", "report", "reports", "bureau", "services",
    "gmbh", "ag", "kg", "ohg", "plc", "sarl", "srl", "inc", "ltd", "llc", "corp", "verlag",
    "e.v.", "inc.", "ltd.", "corp.", "collectif", "collective", "kollektiv", "colectivo",
    "zeitung", "magazin", "magazine", "media", "medien", "online", "foundation", "stiftung",
    "university", "universität", "universidad", "université", "institute", "institut",
    "ministry", "ministerium", "bundesamt", "verband", "verein", "association", "fernsehen",
    "radio", "tv", "blog", "website", "homepage", "podcast", "channel", "account",
    "ministries", "department", "office", "council", "committee", "government", "police",
}  # fmt: skip
# German compounds ending in a newsroom's word ("Finanzmagazin", "Wochenzeitung",
# "Polizeiticker", "Fachverlag"): an organisation's name, though written as one word. (Tuning
# half: the site's own name stored as its author on 2 pages of 130, and no person lost.)
_NEWSROOM_ENDINGS = (
    "zeitung", "magazin", "redaktion", "verlag", "stiftung", "verband", "verein", "institut",
    "ministerium", "agentur", "medien", "nachrichten", "rundfunk", "fernsehen", "presse",
    "blatt", "ticker",
)  # fmt: skip
# The same in Chinese and Japanese, written inside the name without spaces: office, company,
# newspaper, news agency, broadcaster, institute, association, university, group.
_ORGANISATION_PARTS = (
    "事務所", "株式会社", "有限公司", "公司", "新闻", "新聞", "日报", "日報", "通信社", "通讯社",
    "电视台", "放送", "研究所", "协会", "協会", "大学", "集团", "編輯部",
)  # fmt: skip
_NEWSROOM_PHRASES = (
    "associated press", "press association", "press release", "pressemitteilung",
    # News agencies by their full names, as feeds credit them ("Agence France-Presse").
    "agence france-presse", "agence france presse", "deutsche presse-agentur",
    "united press international", "press trust of india", "canadian press", "agencia efe",
    "austria presse agentur", "schweizerische depeschenagentur", "katholische nachrichten-agentur",
    "evangelischer pressedienst", "kyodo news", "yonhap news agency", "xinhua news agency",
    "agenzia nazionale stampa associata", "algemeen nederlands persbureau",
)  # fmt: skip
# Wire services known by their initials, in the spelling they use: case matters, for "ap" is
# also a Welsh name particle ("Dafydd ap Gwilym") and "Sid" a first name.
_WIRE_INITIALS = {
    "AP", "AFP", "DPA", "dpa", "APA", "EFE", "ANSA", "KNA", "epd", "SDA", "sda", "UPI",
    "DDP", "ddp", "ANP", "NTB", "TT", "SID", "AAP", "PA", "IANS", "PTI", "ANI", "CP",
}  # fmt: skip
# Roles that follow a name ("Jane Doe, Staff Writer", "Jane Doe - Senior Editor").
_ROLE_WORDS = {
    "writer", "reporter", "correspondent", "columnist", "contributor", "contributing",
    "editor", "editors", "senior", "chief", "freelance", "freelancer", "photographer",
    "producer", "host", "analyst", "redakteur", "redakteurin", "korrespondent",
    "korrespondentin", "journalist", "journalistin", "journaliste", "periodista",
    "giornalista", "corresponsal", "envoyé", "envoyée", "spécial", "special", "intern",
    "student", "professor", "researcher", "fellow", "director", "founder", "ceo", "president",
    "chefredakteur", "chefredakteurin", "herausgeber", "herausgeberin", "pressesprecher",
    "pressesprecherin", "rédacteur", "rédactrice", "redactor", "redactora",
    # The same roles in other languages' bylines ("Jean Roy, contributeur", "Anna Berg,
    # freie Mitarbeiterin", "Ana Ruiz, colaboradora").
    "contributeur", "contributrice", "chroniqueur", "chroniqueuse", "photographe",
    "mitarbeiter", "mitarbeiterin", "kolumnist", "kolumnistin", "fotograf", "fotografin",
    "colaborador", "colaboradora", "columnista", "fotógrafo", "fotógrafa", "collaboratore",
    "collaboratrice", "corrispondente", "inviato", "inviata", "editorialista",
    # Professions written before a name as a title ("Rechtsanwalt Sebastian Roth").
    "rechtsanwalt", "rechtsanwältin", "fachanwalt", "fachanwältin", "anwalt", "anwältin",
    "attorney", "lawyer", "notar", "notarin", "steuerberater", "steuerberaterin",
}  # fmt: skip
# Words of the page around a byline ("Posted", "Veröffentlicht am", "Follow", "© …"): a
# candidate holding one is a label or a button, not a name. A name followed by a button
# ("Inga Hoeltmann Follow") keeps what comes before it.
_LABEL_WORDS = {
    "posted", "published", "updated", "veröffentlicht", "publiziert", "aktualisiert",
    "erstellt", "geschrieben", "publié", "publiée", "publicado", "actualizado", "pubblicato",
    "aggiornato", "gepubliceerd", "bijgewerkt", "photo", "photos", "foto", "fotos", "bild",
    "bilder", "image", "images", "picture", "copyright", "quelle", "source", "credit",
    "credits", "view", "profile", "profil", "posts", "beiträge", "artikel", "articles", "text",
    "cookies", "login", "anmelden", "register", "registrieren", "menu", "menü", "search",
    "suche", "home", "startseite", "kommentare", "comments", "antworten", "reply", "stand",
    "gespeichert", "submitted", "saved",
    # An advertisement's label ("Gesponserte Inhalte", "Sponsored") where a forum or a
    # theme shows the poster's name.
    "sponsored", "gesponsert", "gesponserte", "anzeige", "werbung", "advertisement",
    "promoted", "sponsorisé", "patrocinado",
    # A translator's credit ("Übersetzung Jane Doe") names the translator, not the author.
    "übersetzung", "übersetzt", "translation", "translated", "translator", "traduction",
    "traduit", "traducción", "traducido", "traduzione", "tradotto",
}  # fmt: skip
# The heading of a box about the author, run into the box's first words ("Zur Person Alle
# Beiträge"): such a candidate is the heading, not a name.
_BOX_HEADINGS = re.compile(
    r"^(?:zur person|about the author|about me|über mich|über den autor|über die autorin"
    r"|à propos de l'auteur|sobre el autor|sobre mí)(?:\s|$)"
)
_BUTTON_WORDS = {
    "follow", "folgen", "share", "teilen", "email", "e-mail", "mail", "twitter", "facebook",
    "instagram", "linkedin", "website", "kontakt", "contact", "subscribe", "abonnieren",
}  # fmt: skip
# "Zeige alle Beiträge von Jane Doe", "Posted on 5 May 2020 by Jane Doe": a by-word inside a
# candidate; the name is what follows it. ("von" and "di" also sit inside names, "Ursula von
# der Leyen", so for them the words before must be a phrase, not a name; see _after_by.)
_INNER_BY = re.compile(r"\s(?:by|par|por|door|av|af|von|di)\s+", re.IGNORECASE)
# Words that may stand before "von"/"by" in a byline rather than be part of a name.
_BYLINE_LEAD_WORDS = {
    "posted", "written", "published", "story", "article", "report", "reported", "reporting",
    "words", "text", "interview", "a", "an", "post", "on", "at", "am", "um", "le", "el", "il",
    "beitrag", "blog", "blogbeitrag", "gastbeitrag", "artikel", "bericht", "kommentar",
    "verfasst", "geschrieben", "veröffentlicht", "eingestellt", "erstellt", "gepostet",
    "ein", "eine", "zeige", "alle", "all", "view", "posts", "beiträge", "more", "mehr",
    "publié", "écrit", "rédigé", "escrito", "publicado", "scritto", "pubblicato", "geschreven",
    "skrevet", "skrivet", "uhr", "h", "gespeichert", "submitted", "|", "-", "–", "—", "·",
    # The kinds of piece a byline names ("Eine Analyse von", "A column by", "Opinion by").
    "analyse", "analysis", "reportage", "kolumne", "column", "glosse", "essay", "rezension",
    "review", "kritik", "gastkommentar", "meinung", "opinion", "commentary", "feature",
    "porträt", "portrait", "recherche", "nachruf",
}  # fmt: skip
# A month alone is a date cut short, not a name (though "April Ryan" and "June Carter" are).
_MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "januar", "februar", "märz", "mai", "juni", "juli",
    "oktober", "dezember", "janvier", "février", "mars", "avril", "juin", "juillet", "août",
    "septembre", "octobre", "novembre", "décembre", "enero", "febrero", "marzo", "abril",
    "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre",
}  # fmt: skip
# Words of markup or templates that leak into bylines ("Meta name author", "{{author}}").
_MARKUP_WORDS = {"meta", "content", "property", "itemprop", "href", "span", "div", "og"}
# Invisible characters that pages put inside names: zero-width space, soft hyphen, BOM and
# direction marks. (ZWNJ and ZWJ stay: Persian and Indic spelling needs them.)
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u00ad\ufeff\u200e\u200f\u2060"))

# -- shapes ---------------------------------------------------------------------------------

_EMAIL = re.compile(r"[^\s@()<>]+@[^\s@()<>]+\.[^\s@()<>]+")
_EMAIL_THEN_NAME = re.compile(r"^\s*[^\s@()]+@[^\s()]+\s*\((?P<name>[^()]+)\)\s*$")
# "jane@example.com (Jane Doe)" inside a list of several: the name in its place.
_ADDRESS_THEN_NAME = re.compile(r"[^\s@()<>,]+@[^\s@()<>,]+\s*\((?P<name>[^()@]+)\)")
# An address written so that harvesters miss it: "jane [at] example [dot] com", "jane(at)x.org",
# "jane at example dot com": "at" or "dot" in brackets, or both bare in an address written in
# lower case ("Meet me at Noon dot Com" is a phrase).
_AT = r"\s*[\[({<]\s*(?i:at)\s*[\])}>]\s*"
_DOT = r"\s*[\[({<]\s*(?i:dot)\s*[\])}>]\s*"
_OBFUSCATED_EMAIL = re.compile(
    rf"[\w.+-]+(?:{_AT}[\w-]+(?:(?:{_DOT}|\.|\s+dot\s+)[\w-]+)+|\s+at\s+[\w-]+(?:{_DOT}[\w-]+)+)"
    r"|\b[a-z0-9._+-]+\s+at\s+[a-z0-9-]+(?:\s+dot\s+[a-z0-9-]+)+\b"
)
_HANDLE = re.compile(r"(?<!\S)@\w+")
_URL = re.compile(r"(?:[a-z][a-z0-9+.-]*://|www\.)\S*", re.IGNORECASE)
# "example.com", "hessenschau.de/bb": a host name, not a person ("Isabella.DiBiase" may be).
_DOMAIN = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}(?:/\S*)?$")
_PARENTHESES = re.compile(r"\s*[(\[{][^()\[\]{}]*[)\]}]")
_ANGLE = re.compile(r"\s*<[^<>]*>")
# Credits by role in one byline ("Words by Jane Doe, photos by John Roe", "Text: Jane Doe.
# Fotos: John Roe", "Texte : Anne Roy, Photos : Jean Roy"): a role's word, then a by-word or a
# colon. Each word says whether it credits the writing (True) or a picture, a video or a
# graphic (False), in English, German, French, Spanish, Portuguese, Italian and Dutch.
_CREDIT_ROLES = {
    **dict.fromkeys(
        ("words", "text", "story", "article", "reporting", "texte", "texto", "testo", "tekst"),
        True,
    ),
    **dict.fromkeys(
        (
            "photo", "photos", "photograph", "photographs", "photography", "picture",
            "pictures", "image", "images", "video", "videos", "graphic", "graphics",
            "illustration", "illustrations", "foto", "fotos", "fotografie", "fotografien",
            "fotografia", "fotografias", "fotografía", "fotografías", "bild", "bilder", "grafik",
            "grafiken", "illustrationen", "vidéo", "vidéos", "vídeo", "vídeos", "infographie",
            "infografik", "infografía", "ilustración", "ilustraciones", "ilustração",
            "illustrazione", "illustrazioni", "dessin", "dessins",
        ),
        False,
    ),
}  # fmt: skip
_ROLE_WORD = "|".join(sorted(map(re.escape, _CREDIT_ROLES), key=len, reverse=True))
# A role's label where a credit starts: at the byline's start or after a separator or an
# "and"; several roles may share it ("Text und Fotos von", "Words and pictures by").
_CREDIT_LABEL = re.compile(
    r"(?:^|[,;|.·•/]|\s(?:and|und|et|y|e|&))\s*"
    rf"(?P<roles>(?:{_ROLE_WORD})(?:\s*(?:,|&|\+|and|und|et|y|e)\s*(?:{_ROLE_WORD}))*)"
    r"(?:\s+(?:by|von|par|por|de|di|door)\s|\s*[:：])",
    re.IGNORECASE,
)
# Joins between co-authors that are safe anywhere, with the ideographic and full-width
# commas and semicolon of Chinese and Japanese ("山田太郎、鈴木花子"), and the credit of
# further reporters ("Jane Doe, with additional reporting by John Roe": both wrote it).
_STRONG_SEPARATORS = re.compile(
    r"\s*(?:[;|/·•\n、，；]|\s\+\s"
    r"|[,.]?\s+(?:with\s+)?(?:additional|further|more|contributed|contributing)?\s*"
    r"reporting\s+(?:by|from)\s)\s*",
    re.IGNORECASE,
)
# "and others" after the co-authors a byline names: "et al.", "u. a.", "y otros"…
_AND_OTHERS = re.compile(
    r"[\s,]+(?:et\.?\s*al(?:ii|\.)?|u\.\s*a\.|u\.a|and\s+others|y\s+otros|e\s+outros"
    r"|e\s+altri|et\s+autres|und\s+andere|en\s+anderen|m\.\s*fl\.|med\s+flera)"
    r"(?=\s*(?:$|[,(\-–—]))",
    re.IGNORECASE,
)
# "and", "&" and "with" ("Jane Doe with Reuters") always join; "und", "y", "et", "e", "en",
# "och", "og", "i", "и" only between two full names ("José Ortega y Gasset" is one person).
_AND = re.compile(r"\s+(?:and|&|with|mit|avec|con)\s+", re.IGNORECASE)
_AND_BETWEEN_FULL_NAMES = re.compile(
    r"\s+(?:und|y|et|e|en|och|og|i|и|та|und\s+von)\s+", re.IGNORECASE
)
# A dash with spaces around it: what follows is a role, a place or an affiliation.
_DASH = re.compile(r"\s+[-–—]\s+|\s*[–—]\s*")
# Script or template code that a page left in its byline ("(adsbygoogle = …).push({});").
_CODE = re.compile(r"[{}]|\(\)|\w\s*=\s*\S|;\s*$|\bfunction\b")
# A date after a name ("Carrie Arnold November 19, 2019", "Jeff Foust Monday, November 18"):
# a weekday, or a month next to a day's number, and all that follows.
_WEEKDAYS = (
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch"
    "|donnerstag|freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
)
_MONTH_NAMES = (
    "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june"
    "|july|august|september|october|november|december|januar|februar|märz|mai|juni|juli"
    "|oktober|dezember"
)
_TRAILING_DATE = re.compile(
    rf"\s+(?:(?:am|on|at|um|le|el|il|op|den)\s+)?(?:(?:{_WEEKDAYS})\b.*|(?:{_MONTH_NAMES})\.?\s+\d.*|\d{{1,2}}\.?\s+(?:{_MONTH_NAMES})\b.*)$",
    re.IGNORECASE,
)
# Sentence punctuation: a name never holds these.
_NOT_IN_NAMES = re.compile(r"[!?¿¡=<>{}\[\]\\#*~^$%…]|\.\.|https?:")
_INITIAL = re.compile(r"^(?:\w\.)+$")
# "CNN", "BBC", "A.P.": a short all-capital word is an acronym, not a name.
_ACRONYM = re.compile(r"^(?:[A-Z]{2,5}|(?:[A-Z]\.){2,4})$")
_EDGE_PUNCTUATION = " \t,;:|/·•-–—\"'“”„‘’«»‹›()[]{}*+"
# A name of more words than this is a sentence or a list that lost its commas.
MAX_WORDS = 8
MAX_LENGTH = 80


def _fold(text: str) -> str:
    """Compare key: NFC, case-folded, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def _site_key(text: str) -> str:
    """A publisher's name as compared with a byline: no "The", "www." or ".com", letters only.

    "The Verge", "the verge" and "theverge.com" all give "verge".
    """
    folded = _fold(text)
    folded = re.sub(r"^(?:https?://)?(?:www\.)?", "", folded)
    folded = re.sub(r"(?:\.[a-z]{2,6}){1,2}(?:/.*)?$", "", folded)
    folded = re.sub(r"^the\s+", "", folded)
    key = "".join(ch for ch in folded if ch.isalnum())
    # "theverge" from a host name: the same "The" without its space.
    return key[3:] if key.startswith("the") and len(key) > 6 else key


def _flatten(raw: object) -> list[str]:
    """Strings from a byline that may be a string, a list, or lists of lists; others ignored."""
    if isinstance(raw, str):
        return [raw]
    if isinstance(raw, list | tuple | set | frozenset):
        return [text for item in raw for text in _flatten(item)]
    return []


def _words(text: str) -> list[str]:
    """Words as a byline separates them: by whitespace."""
    return text.split()


def _strip_edges(text: str) -> str:
    """A name without the punctuation around it; the period of an initial or "Jr." stays."""
    # Arrows, bullets and other symbols around a link's text ("Jane Doe →").
    while text and not (text[0].isalnum() or text[0] in "'’"):
        text = text[1:]
    while text and not (text[-1].isalnum() or text[-1] in ".'’"):
        text = text[:-1]
    text = text.strip(_EDGE_PUNCTUATION)
    while (
        text.endswith(".")
        and not _INITIAL.match(text.split()[-1])
        and not re.search(r"\b(?:jr|sr|st|dr|prof)\.$", text, re.IGNORECASE)
    ):
        text = text[:-1].rstrip(_EDGE_PUNCTUATION)
    return text


def _strip_by(text: str) -> str:
    """Text without a leading "By", "Written by", "Autor:", "Von" (before a full name)…"""
    text = text.strip(_EDGE_PUNCTUATION)
    changed = True
    while changed and text:
        changed = False
        folded = text.casefold()
        for phrase in (*_BY_PHRASES, *_AUTHOR_WORDS, *_BY):
            rest = text[len(phrase) :]
            # Whole words only: "Byron" does not start with "By", nor "文在寅" with "文".
            if folded.startswith(phrase) and not rest[:1].isalnum():
                text, changed = rest.strip(_EDGE_PUNCTUATION + ".："), True
                break
        first, _, rest = text.partition(" ")
        # "Von Jane Doe", and "Von jdoe": a lower-case word after it is no surname's.
        if (
            not changed
            and first.casefold() in _BY_BEFORE_FULL_NAME
            and (len(_words(rest)) >= 2 or rest[:1].islower())
        ):
            text, changed = rest.strip(_EDGE_PUNCTUATION), True
    # "Text: Jane Doe", "Interview: Jane Doe": a short label before a colon. (The colon of
    # a link's scheme, "https://…", ends no label: what follows it is no name.)
    label, colon, rest = text.partition(":")
    if colon and rest.strip() and len(_words(label)) <= 2 and not rest.startswith("//"):
        text = rest.strip()
    return text


def _strip_role_after(text: str) -> str:
    """Korean, Japanese and Chinese bylines put "reporter" after the name ("홍길동 기자")."""
    return re.sub(r"\s*(?:기자|특파원|記者|记者|特派員|特派员)$", "", text)


def _is_newsroom(name: str, site_keys: set[str]) -> bool:
    """Whether a candidate credits a newsroom, a wire service, an organisation or the site."""
    folded = _fold(name)
    # "KB_Redaktion", "news_desk": account names join their words with underscores.
    if set(re.findall(r"[^\W_]+(?:\.[^\W_]*)*", folded)) & _NEWSROOM_WORDS:
        return True
    # "IT Finanzmagazin", "Polizeiticker Schweiz": German writes the newsroom word into one
    # compound with what it is about.
    if any(
        word.endswith(ending) and len(word) > len(ending) + 2
        for word in folded.split()
        for ending in _NEWSROOM_ENDINGS
    ):
        return True
    # "The Associated Press", "The Water Coolest": "The" starts titles of things, not names.
    if folded.startswith("the ") or any(part in name for part in _ORGANISATION_PARTS):
        return True
    # "新华社", "中新社", "朝日新聞社": 社 (society, company) ends the names of news agencies,
    # papers and publishers in Chinese and Japanese, and no person's.
    if name.endswith("社"):
        return True
    if any(phrase in folded for phrase in _NEWSROOM_PHRASES):
        return True
    if set(re.findall(r"\w+", name)) & _WIRE_INITIALS:
        return True
    return _site_key(name) in site_keys


def _is_role(part: str) -> bool:
    """Whether a part of a byline is a role ("Staff Writer", "Chefredakteur")."""
    return any(word in _ROLE_WORDS for word in re.findall(r"\w+", _fold(part)))


def _looks_like_name(name: str, site_keys: set[str], *, organisations: bool = False) -> bool:
    """Whether a cleaned candidate can be a person's name (see the module's rules).
    With `organisations`, a newsroom or group is accepted (only the site itself is not)."""
    if not name or len(name) > MAX_LENGTH or len(_words(name)) > MAX_WORDS:
        return False
    if not any(ch.isalpha() for ch in name) or any(ch.isdigit() for ch in name):
        return False
    if "@" in name or _URL.search(name) or _DOMAIN.match(name) or _NOT_IN_NAMES.search(name):
        return False
    if _OBFUSCATED_EMAIL.search(name):
        return False
    words = re.findall(r"\w+", _fold(name))
    if _fold(name) in _AUTHOR_WORDS or any(word in _AUTHOR_WORDS for word in words):
        return False
    if _fold(name) in (*_BY, *_BY_BEFORE_FULL_NAME):  # "Von" alone
        return False
    if _BOX_HEADINGS.match(_fold(name)):
        return False
    if set(words) & (_MARKUP_WORDS | _LABEL_WORDS) or _ACRONYM.match(name) or "©" in name:
        return False
    # "wordpressadmin", "siteadmin": an account, not a person.
    if any("admin" in word or "webmaster" in word for word in words):
        return False
    if len(words) == 1 and words[0] in _MONTHS:
        return False
    if organisations:
        return _site_key(name) not in site_keys and not _newsroom_words_only(name)
    # "Disko Von", "Matthieu Hy le": a heading or a date's word run into a byline. Particles
    # and by-words stand before a surname, never after it ("Le", "Du" capitalised end
    # Vietnamese and Chinese names, so those only in lower case).
    first, last = name.split()[0], name.split()[-1]
    if len(words) > 1 and (_fold(last) in _NEVER_LAST or last in _PARTICLES):
        return False
    # "un Super contributeur", "a Guest Author": a phrase that an article opens, not a name.
    if first in _NEVER_FIRST:
        return False
    return not _is_newsroom(name, site_keys)


# Words that join a newsroom's words ("Redaktion und Agenturen", "The Editors"), with the
# articles of other languages before them ("La Rédaction", "Die Redaktion", "De Redactie").
_JOINING = {
    "the", "and", "und", "et", "y", "e", "with", "mit", "con", "avec", "of",
    "la", "le", "les", "l", "el", "los", "las", "die", "der", "das", "de", "het", "il", "lo",
}  # fmt: skip


def _newsroom_words_only(name: str) -> bool:
    """Whether a name is made of newsroom words alone ("Staff", "Redaktion", "News Desk",
    "The Editors", "Reuters Staff", "dpa"): the word for a newsroom or a wire, which names
    no one, where a group's own name ("Planet Editors", "Harbour Editors") names it."""
    folded = re.sub(r"^the\s+", "", _fold(name))
    if folded in _NEWSROOM_PHRASES:
        return True
    tokens = [token for token in re.findall(r"[^\W_]+", name) if _fold(token) not in _JOINING]
    # "Sports Desk", "Web Desk", "Metro Desk": a desk is a newsroom's department, whatever it
    # covers; no group names itself so.
    if tokens and _fold(tokens[-1]) in _DESKS:
        return True
    # "Editorial Board": a board of newsroom words is the newsroom's ("Tourism Board" names
    # a group).
    if len(tokens) > 1 and _fold(tokens[-1]) in _BOARDS:
        tokens = tokens[:-1]
    return bool(tokens) and all(
        _fold(token) in _NEWSROOM_WORDS or token in _WIRE_INITIALS for token in tokens
    )


_DESKS = {"desk", "newsdesk", "desks"}
_BOARDS = {"board"}


def _after_by(text: str) -> str:
    """ "Zeige alle Beiträge von Jane Doe" → "Jane Doe"; "Ursula von der Leyen" unchanged."""
    for match in reversed(list(_INNER_BY.finditer(text))):
        lead = text[: match.start()]
        word = match.group().strip().casefold()
        tokens = [token.casefold().strip(",.:;") for token in lead.split()]
        if (
            word not in ("von", "di")
            or any(ch.isdigit() for ch in lead)
            or all(token in _BYLINE_LEAD_WORDS for token in tokens)
        ):
            return text[match.end() :]
    return text


def _cut_at_button(text: str) -> str:
    """A name without the page's words after it ("Inga Hoeltmann Follow", "Jane Doe published")."""
    words = _words(text)
    for index, word in enumerate(words):
        page_word = word.casefold().strip(",.:;") in _BUTTON_WORDS | _LABEL_WORDS
        # Alone, such a word is the button itself ("Contact", "Follow"), with no name before it.
        if page_word and (index or len(words) == 1):
            return " ".join(words[:index])
    return text


def _strip_trailing_role(text: str) -> str:
    """A name without the role or wire credit after it, written without a comma.

    "Christoph Hein Chefredakteur", "Tom Gillespie News reporter", "Jane Doe
    Staff Writer", "Tom Davies Associated Press", "Jane Doe AP" → the name; but
    "Guardian staff reporter" and "The Associated Press" name no one, and give "".
    (A newsroom word not followed by a role, "European Space Agency", is left
    for the caller to refuse.)
    """
    words = _words(text)
    credit = False
    for phrase in _NEWSROOM_PHRASES:
        if _fold(" ".join(words[-len(phrase.split()) :])) == phrase:
            words, credit = words[: -len(phrase.split())], True
    while len(words) > 1 and words[-1] in _WIRE_INITIALS:
        words, credit = words[:-1], True
    # A role word after a first name alone is a surname ("Anna Fotograf", "Paul Mitarbeiter"):
    # a role goes only where a full name stays before it.
    if len(words) > 2 and _is_role(words[-1]) and not _INITIAL.match(words[-1]):
        while len(words) > 2 and (_is_role(words[-1]) or _fold(words[-1]) in _NEWSROOM_WORDS):
            credit |= _fold(words[-1]) in _NEWSROOM_WORDS
            words = words[:-1]
    if credit and len(words) < 2:
        return ""
    return " ".join(words)


def _strip_leading_role(text: str) -> str:
    """ "Rechtsanwalt Sebastian Roth", "Senior Editor Jane Doe", "Reporter Jane Doe" → the
    name: a role or a profession written before a full name as a title."""
    words = _words(text)
    while len(words) > 2 and _is_role(words[0]) and not _INITIAL.match(words[0]):
        words = words[1:]
    return " ".join(words)


def _strip_site_after(text: str, site_keys: set[str]) -> str:
    """ "Kevin McCoy USA TODAY" on usatoday.com → "Kevin McCoy": the site after the name."""
    words = _words(text)
    for start in range(2, len(words)):  # a full name (two words at least), then the site
        if _site_key(" ".join(words[start:])) in site_keys:
            return " ".join(words[:start])
    return text


def _split_full_names(part: str) -> list[str]:
    """ "Lars Fischer und Alina Schadwinkel" in two; "José Ortega y Gasset" stays one.

    A wire's or a newsroom's credit after the word is no surname either ("Jane Doe y
    EFE", "Jean Dupont et agences"): it is split off, to be refused as not a person.
    """
    lead, *others = _AND_BETWEEN_FULL_NAMES.split(part)
    full_or_credit = (len(_words(p)) >= 2 or _is_newsroom(p, set()) for p in others)
    if others and len(_words(lead)) >= 2 and all(full_or_credit):
        return [lead, *others]
    return [part]


# "Jane Doe in Washington", "Jane Doe aus Berlin", "Jean Roy à Paris": where the writer is,
# after a full name. ("en" is also Dutch for "and", between co-authors: not taken.)
_PLACE_AFTER = re.compile(
    r"^(?P<name>\S+(?:\s+\S+)+?)\s+(?:in|aus|from|à)\s+"
    r"[A-ZÀ-Þ][^\s,;]*(?:\s+[A-ZÀ-Þ][^\s,;]*){0,2}$"
)


def _given_names(part: str) -> bool:
    """ "Jane", "Jane A.", "J. R.", "John Jr.": what follows the comma in "Doe, Jane"."""
    words = _words(part)
    return 1 <= len(words) <= 3 and all(
        _INITIAL.match(word) or _SUFFIX.match(word) for word in words[1:]
    ) and not _is_role(part)  # fmt: skip


# Generational suffixes, which a comma may set off ("John Smith, Jr."): part of the name.
_SUFFIX = re.compile(r"^(?:jr|sr|jnr|snr)\.?$|^(?:ii|iii|iv)$", re.IGNORECASE)


def _split_commas(part: str) -> list[str]:
    """Names in a comma list, with what the byline says about the first dropped.

    "Doe, Jane" (one word, then given names: library-catalogue order) is one
    name; "Jane Doe, Reuters", "Jane Doe, Staff Writer" and "Jane Doe, London"
    are one name and her affiliation, role or place; "Jane Doe, John Roe" are two.
    """
    pieces = [piece.strip() for piece in part.split(",") if piece.strip()]
    # "John Smith, Jr.": a suffix after a comma belongs to the name before it.
    for index in range(len(pieces) - 1, 0, -1):
        if _SUFFIX.match(pieces[index]):
            pieces[index - 1 : index + 1] = [f"{pieces[index - 1]} {pieces[index]}"]
    surname = _words(pieces[0]) if pieces else []
    # "Doe, Jane" and "Hale Jr., Tom": library-catalogue order.
    if (
        len(pieces) == 2
        and _given_names(pieces[1])
        and (len(surname) == 1 or (len(surname) == 2 and _SUFFIX.match(surname[1])))
    ):
        return [f"{pieces[0]}, {pieces[1]}"]
    # After a comma a single word is a place or an affiliation, and a role is a role.
    return pieces[:1] + [p for p in pieces[1:] if len(_words(p)) >= 2 and not _is_role(p)]


def _writes(label: re.Match) -> bool:
    """Whether a credit's label names the writing among its roles ("Text und Fotos von")."""
    return any(_CREDIT_ROLES.get(word.casefold()) for word in re.findall(r"\w+", label["roles"]))


def _without_picture_credits(text: str) -> str:
    """A byline without its credits for pictures, videos and graphics: "Words by Jane Doe,
    photos by John Roe" and "Photos by John Roe, words by Jane Doe" give "Words by Jane
    Doe"; "Fotos: John Roe" gives "". A photographer is not the article's author (the
    rule of page_authors._credits_a_picture for page bylines).

    Each credit runs from its label (_CREDIT_LABEL) to the next; the writer's credits and
    what precedes the first label stay, joined by ";" as co-authors' parts.
    """
    labels = list(_CREDIT_LABEL.finditer(text))
    if all(_writes(label) for label in labels):
        return text
    parts = [text[: labels[0].start()]]
    for label, following in zip(labels, [*labels[1:], None], strict=True):
        if _writes(label):
            parts.append(text[label.start("roles") : following.start() if following else None])
    return "; ".join(part for part in parts if part.strip())


_SERVICE_CODE = re.compile(r"^[a-z]{1,3}$")


def _candidates(text: str, site_keys: set[str]) -> list[str]:
    """The name-sized pieces of one byline string, in order, before the final checks."""
    text = unicodedata.normalize("NFC", clean_line(text.translate(_INVISIBLE)))
    if _CODE.search(text):
        return []
    email_then_name = _EMAIL_THEN_NAME.match(text)
    if email_then_name:
        text = email_then_name.group("name")
    # Addresses, links and handles ("@jane") are not names, and the "/" and "." of links
    # would split into false ones.
    text = _OBFUSCATED_EMAIL.sub(" ", _ADDRESS_THEN_NAME.sub(r"\g<name>", text))
    text = _ANGLE.sub("", text)  # "Jane Doe <jane@example.com>"
    text = _HANDLE.sub(" ", _URL.sub(" ", _EMAIL.sub(" ", text)))
    text = _PARENTHESES.sub("", text)  # "Jane Doe (Reuters)", "Jane Doe (jd)"
    text = _without_picture_credits(text)
    names: list[str] = []
    parts = _STRONG_SEPARATORS.split(text)
    # "dpa/lno", "jd/dpa": beside a wire's initials, a short word in lower case is a code (a
    # regional service's, an editor's initials), not a person.
    if any(part.strip() in _WIRE_INITIALS for part in parts):
        parts = [part for part in parts if not _SERVICE_CODE.match(part.strip())]
    for index, part in enumerate(parts):
        part = _strip_by(_after_by(_AND_OTHERS.sub("", part)))
        # After "|", "/" or ";", a role ("Jane Doe | Senior Reporter") or a single word in a
        # cased script ("Jane Doe | Berlin") is what the byline says of the name, not a
        # co-author. (A Chinese or Japanese name is one word: those stay.)
        if index and (_is_role(part) or (len(_words(part)) == 1 and part != part.lower())):
            continue
        # What follows a dash is a role, a place or an affiliation; what precedes it is the
        # name, unless it is itself a role ("Staff Writer - Jane Doe").
        dashed = [piece for piece in _DASH.split(part) if piece.strip(_EDGE_PUNCTUATION)]
        if len(dashed) > 1:
            lead = dashed[0]
            people = [p for p in dashed[1:] if _looks_like_name(_strip_by(p), site_keys)]
            if _is_role(lead):  # "Staff Writer - Jane Doe"
                part = people[0] if people else ""
            elif people and _is_newsroom(_strip_by(lead), site_keys):
                part = people[0]  # "Metaebene Personal Media - Tim Pritlove": who is named
            else:  # "Jane Doe - Reuters"; "The Daily Planet - January 5" names nobody
                part = lead
        for joined in _AND.split(part):
            for piece in _split_full_names(_strip_by(joined)):
                for name in _split_commas(piece):
                    name = _TRAILING_DATE.sub("", _strip_by(_after_by(name)))
                    name = place["name"] if (place := _PLACE_AFTER.match(name)) else name
                    name = _strip_leading_role(_strip_trailing_role(_cut_at_button(name)))
                    name = _strip_site_after(_strip_role_after(name), site_keys)
                    names.append(_strip_edges(name))
    return names


def author_names(raw: object, *, not_people: Iterable[str] = ()) -> list[str]:
    """The people named in a byline, in the byline's order.

    `raw` is what a source gives as its author: a string, or a list (of lists)
    of strings; anything else counts as no byline. `not_people` are names that
    credit the publisher rather than a person (a page's `og:site_name`, a feed's
    title, the site's host name): a byline equal to one of them, ignoring case,
    a leading "The" and a trailing ".com", is dropped. Returns a list of names,
    each NFC, stripped and single-spaced, spelled as the byline spells them (but a
    name all in capitals, "JANE DOE", is styling: "Jane Doe"), without case-insensitive
    duplicates; empty when no person is named.
    """
    sites = _flatten(not_people if isinstance(not_people, str) else list(not_people))
    return list(_names_of(tuple(_flatten(raw)), tuple(sites)))


# Bylines repeat (a feed's few authors, a site's staff): reading each once per import saves
# a third of a bulk import's time (measured with bench/run.py's synthetic articles).
@functools.lru_cache(maxsize=4096)
def _names_of(texts: tuple[str, ...], sites: tuple[str, ...]) -> tuple[str, ...]:
    site_keys = {key for site in sites if (key := _site_key(site))}
    names: list[str] = []
    seen: set[str] = set()
    for text in texts:
        for name in _candidates(text, site_keys):
            name = " ".join(name.split())
            key = _fold(name)
            if key not in seen and _looks_like_name(name, site_keys):
                seen.add(key)
                names.append(_from_capitals(name))
    return tuple(names)


def _from_capitals(name: str) -> str:
    """A name a byline writes in capitals, as its styling ("By JANE DOE"), in the case names
    are written in: "Jane Doe", "Émile van der Berg", "Jean-Paul O'Brien". Without this the
    first spelling seen is the one every later article of that author shows, for authors
    match in any case. A name of one word in capitals ("AOC", a handle) is kept as written.
    """
    words = name.split()
    if len(words) < 2 or name != name.upper() or name == name.lower():
        return name
    return " ".join(
        word.lower() if index and word.lower() in _PARTICLES else word.title()
        for index, word in enumerate(words)
    )


def person_names(raw: object, *, not_people: Iterable[str] = ()) -> list[str]:
    """The names of structured author fields: each string one name, as the publisher
    declared it (an Atom <author><name>, RFC 4287 section 3.2; a JSON Feed author object).

    Such a field names who the publisher credits, a group included ("Planet Editors"):
    it is kept unless it is no name at all (an address, a link, digits, the word
    "author", the site's own name in `not_people`). A leading "By", a picture's credit
    and a field holding an e-mail address beside the name ("jane@example.com (Jane
    Doe)") are cleaned as in author_names. A field that joins several people as a byline
    does ("Anna Berg and Carl Dahl", "Jane Doe; John Roe") is those people, as the same
    text is in every other format: when author_names reads it as two or more full names;
    one it reads as one full name with a role or a credit ("Jane Doe, Staff Writer",
    "JANE DOE and Agence France-Presse") is that name ("Jane Doe"). (A firm's name,
    "Procter & Gamble", joins single words; "José Ortega y Gasset" is one name there too.)
    Returns the names in order, each once.
    """
    sites = _flatten(not_people if isinstance(not_people, str) else list(not_people))
    site_keys = {key for site in sites if (key := _site_key(site))}
    names: list[str] = []
    seen: set[str] = set()
    for text in _flatten(raw):
        text = unicodedata.normalize("NFC", clean_line(text.translate(_INVISIBLE)))
        email_then_name = _EMAIL_THEN_NAME.match(text)
        if email_then_name:
            text = email_then_name.group("name")
        text = _without_picture_credits(_ANGLE.sub("", text))
        people = author_names(text, not_people=sites)
        if len(people) == 1 and len(_words(people[0])) >= 2:
            pass  # "Jane Doe, Staff Writer", "Jane Doe and AFP": the name, not its credit
        elif len(people) < 2 or any(len(_words(person)) < 2 for person in people):
            people = [_strip_edges(_strip_by(text))]
        for name in people:
            key = _fold(name)
            if key not in seen and _looks_like_name(name, site_keys, organisations=True):
                seen.add(key)
                names.append(name)
    return names


# What templates and sections put where a byline goes, which credits no one: a section's or a
# page's label ("Breaking News", "Press Release"), a role without its holder ("Editor").
_NOT_CREDITS = {
    "news", "online", "editor", "press release", "pressemitteilung", "media", "blog",
    "website", "homepage", "podcast", "channel", "home", "startseite", "the end",
}  # fmt: skip
_SECTION_NEWS = re.compile(
    r"^(?:breaking|latest|top|more|recent|related|live|local|world|daily|today'?s?)\s+news$"
)


def credit_name(raw: object, *, organisation: bool = False) -> str | None:
    """The newsroom, wire service or publication a byline credits when it names no person:
    "Redaktion", "Newsdesk", "dpa", "Reuters Staff", "Redaktion Polizeiticker Schweiz".

    What newsctl calls an article's credit is the credit line of news agencies (IPTC
    NewsML-G2 `creditline`, "who should be credited when using the item"; schema.org
    `creditText`), narrowed to organisations: the people of a byline are its authors.
    `raw` is a byline as for author_names (a string or lists of strings); the first
    string that credits an organisation gives the credit, as the byline writes it without
    its by-word ("By AP" gives "AP"). A string that names a person gives no credit, nor
    does a placeholder ("admin", "Unknown", the word "author"), a section's label
    ("Breaking News"), a picture's credit ("Photo: AP"), a date, a link or an address.
    An organisation is recognised by the newsroom rules (_is_newsroom: newsroom words, wire
    services, firms' legal forms, "The …"), but a first name and a surname that is a
    newsroom's word ("David Press") is a person's; `organisation`: the source typed it as
    one (a schema.org Organization), which is enough. Returns the credit, NFC and
    single-spaced, or None.
    """
    for text in _flatten(raw):
        text = unicodedata.normalize("NFC", clean_line(text.translate(_INVISIBLE)))
        if email_then_name := _EMAIL_THEN_NAME.match(text):  # RSS "news@example.com (AP)"
            text = email_then_name.group("name")
        text = _without_picture_credits(text)  # "Photo: AP" credits a picture
        text = _COPYRIGHT.sub("", text)  # "© dpa", "(c) AP": the text is the wire's
        if _CODE.search(text) or _picture_credit(text):
            continue
        if not organisation and author_names(text):
            continue
        # "Newsdesk • 3 min read", "Von Redaktion | 05.06.2024": the credit, then the page's
        # furniture beside it.
        for piece in _FURNITURE.split(text):
            name = _strip_edges(_TRAILING_DATE.sub("", _strip_by(_ANGLE.sub("", piece))))
            first, _, rest = name.partition(" ")
            if first.casefold() in _BY_BEFORE_FULL_NAME and rest:  # "Von Redaktion"
                name = _strip_edges(rest)
            name = " ".join(name.split())
            if _is_credit(name, trusted=organisation):
                return name
    return None


# What separates a byline from the page's other words on one line: a bar, a bullet, a
# middle dot or a spaced dash.
_FURNITURE = re.compile(r"\s+[|•·]\s+|\s+[-–—]\s+")


# Words that make a byline no credit: the word "author", markup, a page's labels and buttons,
# a template's placeholders.
_NOT_IN_CREDITS = set(_AUTHOR_WORDS) | _MARKUP_WORDS | _LABEL_WORDS | _PLACEHOLDERS | _BUTTON_WORDS
_COPYRIGHT = re.compile(r"^\s*(?:©|\([cC]\)|copyright\b)\s*", re.IGNORECASE)


def _is_credit(name: str, *, trusted: bool) -> bool:
    """Whether a cleaned byline can be an organisation's credit (see credit_name); `trusted`:
    its source says it is one, so only its shape is checked."""
    if not name or len(name) > MAX_LENGTH or len(_words(name)) > MAX_WORDS:
        return False
    # A channel's number ("France 24", "Channel 4 News") is part of its name; more numbers,
    # or longer ones, are a date's or a count's.
    numbers = re.findall(r"(?<!\w)\d+(?!\w)", name)
    if not any(ch.isalpha() for ch in name) or len(numbers) > 1 or any(len(n) > 2 for n in numbers):
        return False
    if "@" in name or _URL.search(name) or _NOT_IN_NAMES.search(name) or "©" in name:
        return False
    if _OBFUSCATED_EMAIL.search(name) or (not trusted and _DOMAIN.match(name)):
        return False  # an address, or a host name ("news-desk.example.com")
    folded = _fold(name)
    if set(re.findall(r"\w+", folded)) & _NOT_IN_CREDITS:
        return False
    if "admin" in folded or "webmaster" in folded:
        return False
    if folded in (*_BY, *_BY_BEFORE_FULL_NAME, *_MONTHS, *_NOT_CREDITS):
        return False
    if _BOX_HEADINGS.match(folded) or _SECTION_NEWS.match(folded):
        return False
    if trusted or _newsroom_words_only(name):  # "Staff", "Reuters Staff", "Sports Desk", "dpa"
        return True
    # "Michael Bloomberg", "David Press": a name and a surname that is also a newsroom's word
    # ("Presse Augsburg", "Wikimedia Foundation" are organisations) is a person's.
    tokens = name.split()
    if (
        len(tokens) == 2
        and _fold(tokens[1]) in _SURNAMES_AMONG_NEWSROOM_WORDS
        and _fold(tokens[0]) not in _NEWSROOM_WORDS
        and all(t[:1].isupper() and not t.isupper() for t in tokens)
    ):
        return False
    return _is_newsroom(name, set())


# Newsroom words that are also surnames ("David Press", "Michael Bloomberg").
_SURNAMES_AMONG_NEWSROOM_WORDS = {"press", "bloomberg", "news", "wire", "staff"}


# Wire copy names its agency in the dateline that opens it: a place in capitals or capitalised,
# maybe a date, the agency in parentheses, a dash ("WASHINGTON (AP) —", "NEW YORK, May 5
# (Reuters) -", "Hamburg (dpa/lno) -"; AP Stylebook, "datelines"; dpa adds its regional
# service); or in parentheses after its last sentence ("… hieß es. (FR mit dpa)"), where
# German papers credit the agencies they used.
_PLACE_WORD = r"[^\W\d_a-zß-ÿ][\w.'’-]*"
# A place's name may hold particles ("Rio de Janeiro", "Frankfurt am Main"); EFE writes the
# dash after a period ("Madrid, 5 may (EFE).-").
_PLACE_PARTICLE = r"(?:de|da|do|dos|das|del|de la|la|le|el|am|an|der|di|upon|on)"
_DATELINE_CREDIT = re.compile(
    rf"^(?P<place>{_PLACE_WORD}(?:(?:[ /]+{_PLACE_PARTICLE})?[ /]+{_PLACE_WORD}){{0,3}})"
    r"(?P<more>,[^()\n]{1,25})?\s*\((?P<credit>[^()\n]{1,40})\)\.?\s*(?:[-–—:]|--)"
)
_CLOSING_CREDIT = re.compile(r"(?:^|[.!?…\"'»“”])\s*\((?P<credit>[^()\n]{1,40})\)\s*$")


# The label of a picture's credit before its colon, compounds included ("Symbolbild: dpa",
# "Archivfoto: dpa", "Bildquelle: dpa", "Crédit photo : AFP", "Fotografía: EFE").
_PICTURE_LABEL = re.compile(
    r"foto|photo|bild|image|picture|grafik|graphi|video|vídeo|vidéo|illustra|infogra",
    re.IGNORECASE,
)


def _picture_credit(text: str) -> bool:
    """Whether a credit is a picture's, a video's or a graphic's, not the text's: it names
    that role ("Reuters Pictures", "AP Graphic", "dpa-Grafik", "AP Video") or its label does
    ("Symbolbild: dpa"). The agency that took a photo did not write the article."""
    words = re.findall(r"[^\W_]+", _fold(text))
    if any(_CREDIT_ROLES.get(word) is False for word in words):
        return True
    label, colon, rest = text.partition(":")
    return bool(colon and rest.strip() and len(_words(label)) <= 2 and _PICTURE_LABEL.search(label))


def wire_credit(body: str) -> str | None:
    """The news agency a text credits in its opening dateline or in parentheses after its
    last sentence, as written there ("dpa/lno", "AP", "FR mit dpa"); None unless that
    credit names a wire service or a newsroom (a place, a picture's credit or a party's
    initials do not). `body` is an article's text; only its first and last lines are read."""
    first = body.lstrip()[:200].split("\n", 1)[0]
    last = body.rstrip()[-200:].rsplit("\n", 1)[-1]
    for pattern, line in ((_DATELINE_CREDIT, first), (_CLOSING_CREDIT, last)):
        found = pattern.search(line)
        if not found:
            continue
        # "Aam Aadmi Party (AAP) –": initials that spell the words before them define an
        # abbreviation, though they are also a wire's (Australian Associated Press).
        # A place in capitals (AP style: "ASBURY PARK, N.J. (AP) —") or with a state or a date
        # after it is a dateline's, whatever its initials.
        if (
            pattern is _DATELINE_CREDIT
            and not found["more"]
            and not found["place"].isupper()
            and _abbreviates(found["place"], found["credit"])
        ):
            continue
        # Agencies add codes to their names ("dpa/lno"), which the rules for people would
        # read as a name: the credit is checked as an organisation's, and must name a wire.
        credit = credit_name(found["credit"], organisation=True)
        # A person named in full beside the wire ("REUTERS/Jane Doe", a photographer's
        # credit; "Jane Doe/dpa") makes it no wire's credit: people are authors.
        if credit and _mentions_wire(credit) and not _names_someone(credit):
            if not _CODE_OF_A_LETTER.search(credit) and not _phrase(credit):
                return credit
    return None


def _phrase(credit: str) -> bool:
    """Whether parentheses hold a phrase about a wire rather than its credit ("Reuters
    reported", "according to Reuters"): a word in lower case that is neither a joining
    word ("FR mit dpa"), a wire's initials ("dpa"), nor an editor's or a service's code
    of up to three letters ("jd/dpa", "dpa/lno")."""
    return any(
        word.islower()
        and len(word) > 3
        and word not in _JOINING
        and word.upper() not in _WIRE_INITIALS
        and word not in _NEWSROOM_WORDS  # "con agencias", "(reuters)"
        for word in re.findall(r"[^\W\d_]+", credit)
    )


def _abbreviates(words: str, initials: str) -> bool:
    """Whether `initials` ("AAP") are the initials of the last words of `words` ("Aam Aadmi
    Party"), as an abbreviation defined in parentheses is."""
    letters = "".join(word[0] for word in re.findall(r"[^\W\d_]+", words) if word[0].isupper())
    return len(initials) >= 2 and letters.endswith(initials.strip().upper())


# One letter joined by a hyphen to initials: a code, not a wire's name or service ("D-PA",
# "R-PA": a legislator's party and state, written after the name as "Sen. Jane Doe (D-PA) —";
# the wire's initials "PA" are the state's there). Wires' services join words ("dpa-AFX").
_CODE_OF_A_LETTER = re.compile(r"(?<![^\W_])[^\W\d_]-|-[^\W\d_](?![^\W_])")


def _names_someone(credit: str) -> bool:
    """Whether a credit names a person in full (two words or more: "jd/dpa", an editor's
    initials beside the wire, is a wire's credit as written)."""
    return any(len(_words(name)) >= 2 for name in author_names(credit))


def _mentions_wire(credit: str) -> bool:
    """Whether a credit names a wire service or a newsroom ("dpa", "Reuters", "FR mit
    Agenturen"), not only an organisation ("Quay Labs Inc.", "Germany")."""
    words = re.findall(r"[^\W_]+", credit)
    return any(word in _WIRE_INITIALS or _fold(word) in _WIRE_WORDS for word in words) or any(
        phrase in _fold(credit) for phrase in _NEWSROOM_PHRASES
    )


# -- bylines in page text ------------------------------------------------------------------

# Lower-case words inside names: nobiliary and patronymic particles of European, Arabic and
# Malay names ("Ursula von der Leyen", "Vincent van Gogh", "Mohammed bin Salman").
_PARTICLES = {
    "von", "vom", "zu", "van", "der", "den", "de", "del", "della", "di", "da", "das", "dos",
    "du", "des", "la", "le", "y", "e", "ter", "ten", "bin", "bint", "ibn", "al", "el", "ap",
}  # fmt: skip
# Words that stand before a surname, never at a name's end, in any case ("Disko Von" is a
# heading run into a byline). "Le", "Du", "Da" and "Di" end Vietnamese and Chinese names.
_NEVER_LAST = {
    "von", "vom", "zu", "van", "der", "den", "des", "del", "della", "ibn", "bin", "bint",
    "by", "par", "por", "door", "av", "af", "und", "and", "et",
}  # fmt: skip
# Articles, written in lower case, open a phrase about someone ("un Super contributeur", "a
# guest writer"), never a name ("le" and "la" may: "la Rocca").
_NEVER_FIRST = {
    "a", "an", "the", "un", "une", "ein", "eine", "einer", "uno", "una", "il", "lo", "gli",
    "les", "los", "las", "het", "een",
}  # fmt: skip
# A line of page text that is a byline: a by-word or an author label at its start ("By Jane
# Doe", "Von Jane Doe", "Written by: Jane Doe", "Autor: Jane Doe"), or a by-word after a
# date ("Posted on 5 May 2020 by Jane Doe"). "Redaktion" (editing) labels a name only before
# a colon ("Redaktion: Jane Doe"): without one it starts a newsroom's name ("Redaktion
# Grüne Tafel"), which the tuning half stored as a person on 1 page of 130.
_BYLINE_LABELS = sorted(
    {*_BY_PHRASES, *(w for w in _AUTHOR_WORDS if w.isalpha() and w.isascii())},
    key=len,
    reverse=True,
)
_BYLINE_START = re.compile(
    r"^\W*(?:(?:" + "|".join(map(re.escape, _BYLINE_LABELS)) + r"|by|von|par|por|door|av|af|di)"
    r"\s*:?\s+|redaktion\s*:\s*)(?P<rest>\S.*)$",
    re.IGNORECASE,
)
# The by-word right after a date or a time ("Posted on May 5, 2020 by", "06.11.2023 13:30 Uhr
# von", "3 hours ago by"): only words of time may come between, for in a headline a number is
# followed by anything ("Bücher zum 110. Geburtstag von Herman Bang").
_TIME_WORDS = (
    f"uhr|h|am|pm|a\\.m|p\\.m|gmt|utc|cet|cest|mez|mesz|est|edt|pst|pdt|bst|{_MONTH_NAMES}"
)
# A span of time is an age only as one ("3 hours ago", "vor 3 Stunden"): "Top 10 Hours by
# Train" and "Die 5 Minuten von Olaf Scholz" are headlines.
_AGE = (
    r"\d+\s+(?:minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago"
    r"|\bvor\s+\d+\s+(?:minuten|stunden?|tagen?|wochen?|monaten?|jahren?)"
)
_DATED_BY = re.compile(
    rf"(?:{_AGE}|\d(?:[^\w\s]*\s*\b(?:{_TIME_WORDS})\b)*)[^\w\s]*\s+"
    r"(?:by|von|par|por|door|av|af)\s+(?P<rest>\S.*)$",
    re.IGNORECASE,
)
# A by-word after lead-in words of _BYLINE_LEAD_WORDS in any combination ("Blog Beitrag
# von", "View all posts by", "Ein Bericht von"), not only the phrases of _BY_PHRASES.
_LED_BY = re.compile(
    r"^\W*(?P<lead>(?:[^\W\d]+\s+){1,4}?)(?:by|von|par|por|door|av|af|di)\s*:?\s+(?P<rest>\S.*)$",
    re.IGNORECASE,
)
# What follows the name in such a line: a date, a time, "on Monday", "| 3 comments".
# (Lower case only, and before a date: "Marine Le Pen" and "Ursula von der Leyen" stay whole.)
_AFTER_NAME = re.compile(
    r"\s+(?:on|am|at|um|le|el|il|op|in|the)\s+\D*\d.*$|\s*[|·•]\s*.*$|\s+\S*\d.*$"
)


def _led_by(segment: str) -> re.Match | None:
    """A by-word after lead-in words only ("Blog Beitrag von Jane Doe")."""
    match = _LED_BY.match(segment)
    if match and all(word.casefold() in _BYLINE_LEAD_WORDS for word in match["lead"].split()):
        return match
    return None


def byline_names(text: str, *, not_people: Iterable[str] = ()) -> list[str]:
    """The people in a line of page text that reads as a byline; [] for any other text.

    `author_names` takes whatever a source declares to be its author; this is
    for text found on a page, which names an author only when it says so:
    it starts with "By", "Von", "Par", "Written by"… or has a by-word after a
    date ("Posted on 5 May 2020 by Jane Doe", "06.11.2023 13:30 von Olga") or
    after lead-in words only ("Blog Beitrag von Jane Doe", a full name then).
    What follows the name on the same line (a date, "| 3 comments") is dropped.
    "Photo by …", "Powered by …" and "Theme by …" are not bylines, and in page
    text a name starts with a capital letter (or a letter of a script without case).
    """
    line = clean_line(text)
    # "Home | By Jane Doe | 5 May": a byline may be one segment of a line.
    segments = re.split(r"\s*[|·•]\s*", line)
    match = next(filter(None, map(_BYLINE_START.match, segments)), None) or _DATED_BY.search(line)
    led_in = match is None and (match := next(filter(None, map(_led_by, segments)), None))
    if not match:
        return []
    rest = _AFTER_NAME.sub("", match.group("rest"))
    if len(_words(rest)) > MAX_WORDS:  # a sentence ("By the time the council met, …")
        return []
    names = written_as_names(author_names(rest, not_people=not_people))
    # After lead-in words a single word may be a heading's ("Posts by Category").
    return [name for name in names if len(_words(name)) >= 2] if led_in else names


def co_authors_written_as_names(names: list[str]) -> list[str]:
    """The lead name of a marked byline and the co-authors after it written as names.

    A byline box shows its author's display name first (a handle such as
    "catchmorefish" included); what follows it after a comma or "und" is as
    often a description ("Expertin für Neue Arbeit") as a co-author. A
    co-author's words start with a capital, as in byline_names.
    """
    return names[:1] + written_as_names(names[1:])


def written_as_names(names: list[str]) -> list[str]:
    """The names among candidates read from page text: those written as names are.

    In running text a name's words start with a capital (or a letter of a script
    without case), but for particles such as "von", "de" or "bin": "eine große
    Ehre" and "Expertin für Neue Arbeit" are not names.
    """
    return [
        name
        for name in names
        if all(not word[0].islower() or word in _PARTICLES for word in _words(name))
    ]
