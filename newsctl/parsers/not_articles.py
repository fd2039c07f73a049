"""Pages that are no article although they look like one: what a server answered instead.

A scraper that saves whatever came back, or a fetch answered with status 200 by a site
that wants something first, gets a page with a title and a few lines of text that is one
of these (newsctl's rule "What is not an article": rejected with file and reason):

- a server's error page: "404 Not Found", "Page not found", "Seite nicht gefunden";
- a bot challenge or block: Cloudflare's "Just a moment...", "Attention Required!",
  "Access denied", "Are you a robot?";
- a consent interstitial: the page is only a cookie-consent form ("Before you continue");
- a paywall interstitial: "Subscribe to continue reading" and nothing of the article;
- a web server's listing of a folder: "Index of /files/".

A page is one only when it says so where a page says what it is (its `<title>`, one of
the title's segments, an `<h1>`, or, without one, the first line of its text) *and* holds
little text (MAX_LETTERS). An article about a 404 error or about Cloudflare has a headline that says
more than the phrase, and an article with a cookie banner or a subscription box has
its own headline and text: both are stored.
"""

import re
from collections.abc import Iterable
from itertools import islice

from newsctl.text import clean_line

# The most letters and digits the text of such a page has (its headline left out). Error
# pages and challenges have 50-400 ("The requested URL /x was not found on this server.";
# Cloudflare's block page about 380), a consent form such as Yahoo's about 850: 1500 is about
# 250 English words. Letters, not words: Chinese and Japanese do not space their words.
# Short articles are common (157 of the corpus's 666 pages, html/ and meta/, have less text):
# the phrases tell such a page, the length only spares an article named like one. No page of
# the corpus has a title, an <h1> or a first line that is one of them (bench/fidelity.py:
# none rejected).
MAX_LETTERS = 1500
# The longest heading compared with the phrases (characters): a headline is longer.
_MAX_HEADING = 120
# The <h1> headings read: a page that is one of these has one, a few at most.
_MAX_H1 = 3
# Separators between a title's segments ("Page not found – Gazette", "Attention Required! |
# Cloudflare"): a segment may be the whole of what the page says.
_TITLE_SEPARATOR = re.compile(r"\s+[|·•»–—:-]\s+|\s*[|｜]\s*")

# The status codes of client and server errors: RFC 9110 §15.5 and §15.6 (400-417, 421,
# 422, 426, 500-505), RFC 6585 (428, 429, 431, 511) and RFC 7725 (451).
_ERROR_CODE = r"4(?:0\d|1[0-7]|2[1268]|31|51)|50\d|511"
# Their reason phrases (RFC 9110 §15.5, §15.6; RFC 6585; RFC 7725), with the older names of
# RFC 7231 ("Request Entity Too Large"): after a code ("403 Forbidden").
_REASON = (
    r"bad request|unauthori[sz]ed|payment required|forbidden|not found|method not allowed"
    r"|not acceptable|proxy authentication required|request time-?out|length required"
    r"|precondition (?:failed|required)|(?:content|payload|request entity) too large"
    r"|(?:request-?)?uri too long|unsupported media type|(?:requested )?range not satisfiable"
    r"|expectation failed|misdirected request|unprocessable (?:content|entity)|upgrade required"
    r"|too many requests|request header fields too large|unavailable for legal reasons"
    r"|internal server error|not implemented|bad gateway|service (?:temporarily )?unavailable"
    r"|gateway time-?out|http version not supported|network authentication required"
)
# What says "error page" without a code: the reason phrases that are no headline's words
# ("Forbidden" or "Gone" alone could be one), and the ways servers and sites word a missing
# page in the languages of the corpus (English, German, French, Spanish) and the Italian,
# Portuguese and Dutch of the same templates: WordPress's "Oops! That page can't be found.",
# IIS's "404 - File or directory not found.", "Seite nicht gefunden", "Page introuvable".
_REASON_ALONE = (
    r"(?:page |file |document )?not found|bad request|method not allowed|request time-?out"
    r"|internal server error|bad gateway|service (?:temporarily )?unavailable|gateway time-?out"
    r"|too many requests|unavailable for legal reasons|file or directory not found"
    r"|(?:this |that |the )?page (?:cannot|can't|could not) be found"
    r"|(?:diese |die )?seite (?:kann |konnte |wurde )?nicht gefunden(?: werden)?"
    r"|datei nicht gefunden|page (?:introuvable|non trouvée)"
    r"|(?:cette |la )?page (?:est |demandée est )?introuvable"
    r"|p[áa]gina no encontrada|no se (?:ha )?encontr(?:ó|o) la página"
    r"|pagina non trovata|página não encontrada|pagina niet gevonden"
)
# What comes before a code: "Error 404", "HTTP Status 404", "Fehler 404", "Erreur 404".
_CODE_LEAD = r"(?:http(?: status| error)?|error|fehler|erreur|errore|erro|fout)\s*:?\s*"
# "Oops!", "Sorry," before the phrase; "(Not Found)" after a code (Google's).
_INTERJECTION = r"(?:(?:oops|whoops|sorry|hoppla|ups|oups|désolé|lo sentimos)[!,.]*\s+)?"
_ERROR_PAGE = re.compile(
    rf"{_INTERJECTION}(?:{_CODE_LEAD})?(?:{_ERROR_CODE})(?:\s*(?:error|fehler|erreur))?"
    rf"(?:\s*[-–:.]?\s*\(?(?:{_REASON}|{_REASON_ALONE})\)?)?"
    rf"|{_INTERJECTION}(?:{_REASON_ALONE})",
    re.IGNORECASE,
)
# Bot challenges and blocks, by the titles and headings their vendors give them: Cloudflare
# ("Just a moment...", "Attention Required!", "Access denied", "Checking your browser before
# accessing", "DDoS protection by Cloudflare", "Sorry, you have been blocked", "One more
# step", in English and German), Akamai ("Access Denied"), PerimeterX/HUMAN ("Access to this
# page has been denied", "Please verify you are a human"), Imperva/Distil ("Pardon Our
# Interruption", "Request unsuccessful"), DDoS-Guard, Bloomberg's and Amazon's own ("Are you a
# robot?", "Robot Check").
_BOT_CHALLENGE = re.compile(
    r"just a moment|einen moment,? bitte|attention required|one more step"
    r"|access denied|zugriff verweigert|access to this page has been denied"
    r"|checking your browser(?: before accessing .+)?|checking if the site connection is secure"
    r"|verifying you are human.*|(?:please )?verify (?:that )?you are (?:a )?human"
    r"|ddos protection by .+|ddos-guard|(?:sorry, )?you have been blocked"
    r"|are you (?:a robot|a human|human)|robot check|pardon our interruption"
    r"|request unsuccessful.*|human verification",
    re.IGNORECASE,
)
# Consent interstitials, by their titles and headings: Google's ("Before you continue to
# Google", "Bevor Sie zu Google weitergehen"), Yahoo's ("Yahoo is part of the Yahoo family of
# brands"), and the consent platforms' (IAB TCF dialogs: "We value your privacy", "Your
# privacy choices", "Datenschutzeinstellungen", "Nous respectons votre vie privée").
_CONSENT = re.compile(
    r"before you continue(?: to .+)?|bevor sie (?:zu .+ )?weitergehen|.+ is part of the yahoo "
    r"family of brands|we value your privacy|we care about your privacy|your privacy choices"
    r"|(?:your )?privacy (?:settings|preferences|consent)|cookie (?:consent|settings|preferences)"
    r"|(?:this (?:web)?site|we) uses? cookies|manage (?:your )?cookies"
    r"|datenschutz-?einstellungen|cookie-einstellungen|wir respektieren ihre privatsphäre"
    r"|wir verwenden cookies|ihre privatsphäre ist uns wichtig|zustimmung erforderlich"
    r"|nous respectons votre vie privée|(?:paramètres|gestion) des cookies"
    r"|respect de votre vie privée|(?:utilizamos|usamos) cookies|configuración de cookies"
    r"|tu privacidad es importante(?: para nosotros)?",
    re.IGNORECASE,
)
# Paywall interstitials, by their headings: the wording of the large English, German, French
# and Spanish news sites ("Subscribe to continue reading", "This article is for subscribers
# only", "Jetzt weiterlesen mit SZ Plus", "Cet article est réservé aux abonnés").
_PAYWALL = re.compile(
    r"subscribe (?:now )?to (?:continue reading|keep reading|read(?: more| the full (?:article"
    r"|story))?|unlock this (?:article|story))|(?:this )?(?:article|content|story) is (?:only )?"
    r"(?:available )?(?:for|to) (?:subscribers|members)(?: only)?|(?:for )?subscribers only"
    r"|exclusive (?:content )?for subscribers|you(?:'ve| have) reached your (?:free )?(?:article )?"
    r"limit|(?:sign in|log in|register|create a free account) to continue reading"
    r"|jetzt weiterlesen(?: mit .+)?|weiterlesen mit .+|dieser artikel ist (?:nur )?für "
    r"abonnenten(?: bestimmt)?|(?:nur |exklusiv )?für abonnenten|abonnez-vous pour lire la suite"
    r"|(?:cet )?article réservé aux abonnés|cet article est réservé aux abonnés"
    r"|réservé aux abonnés|suscríbete para seguir leyendo|(?:este )?contenido (?:es )?exclusivo"
    r" para suscriptores",
    re.IGNORECASE,
)
# A web server's listing of a folder: Apache's and nginx's "Index of /files/", Python's
# http.server "Directory listing for /".
_LISTING = re.compile(r"index of /\S*|directory listing for /\S*", re.IGNORECASE)
# Punctuation a heading may end with ("Just a moment...", "Are you a robot?"), and Google's
# joke ("Error 404 (Not Found)!!1").
_TRAILING = " \t.…!?:;"
_BANG_ONE = re.compile(r"!+1$")
_QUOTES = str.maketrans("‘’ʼ`", "''''")


def _normal(heading: str) -> str:
    """A heading as the phrases are written: one space between words, straight apostrophes,
    no punctuation at its ends."""
    heading = _BANG_ONE.sub("", " ".join(heading.split()).translate(_QUOTES))
    return heading.strip(_TRAILING).lstrip("¡¿")


def candidates(title: str, headings: Iterable[str], first_line: str) -> list[str]:
    """What a page says it is, in the order trusted: the `<title>`, each of its segments,
    the page's `<h1>` headings, and, for a page without one, the first line of its text
    (in: each as the page writes it; "" for none). Under a headline of its own, a first
    line such as "Access denied." is the article's ("Minister's account hacked")."""
    headings = [heading for heading in headings if clean_line(heading)]
    found = [title, *_TITLE_SEPARATOR.split(title), *headings]
    if not headings:
        found.append(first_line)
    # (A text several times too long is not read at all: a record's first line of prose.)
    said = (_normal(clean_line(text)) for text in found if len(text) <= 4 * _MAX_HEADING)
    return [text for text in said if text and len(text) <= _MAX_HEADING]


def page_headings(tree) -> tuple[str, list[str]]:
    """A parsed page's (lxml) `<title>` text and the texts of its first `<h1>` headings."""
    title = tree.find(".//title")
    h1s = [heading.text_content() for heading in islice(tree.iterfind(".//h1"), _MAX_H1)]
    return (title.text_content() if title is not None else ""), h1s


def _short(lines: Iterable[str]) -> bool:
    """Whether the lines hold at most MAX_LETTERS letters and digits (read only that far)."""
    count = 0
    for line in lines:
        count += sum(1 for character in line if character.isalnum())
        if count > MAX_LETTERS:
            return False
    return True


def not_an_article(
    title: str, headings: Iterable[str], lines: list[str], *, first_line: bool = True
) -> str | None:
    """Why a page is an error, bot challenge, consent or paywall page, or None if it is not.

    In: the page's `<title>` text, the texts of its `<h1>` elements, and the lines of its
    extracted text (without the headline). Out: the reason to reject it ("an error page
    (404 Not Found), not an article"), or None. It is one only when one of its headings (or
    its first line) is wholly one of the phrases above and its text is short (MAX_LETTERS).
    The phrases are tried first: imports ask this of every record, and most say none.
    `first_line`: whether the first line may say it (not for a record, whose title is its
    headline).
    """
    said = candidates(title, headings, lines[0] if lines and first_line else "")
    reason = None
    for text in said:
        if _ERROR_PAGE.fullmatch(text):
            reason = f"an error page ({text}), not an article"
            break
    kinds = (
        (_BOT_CHALLENGE, "a bot challenge page"),
        (_CONSENT, "a cookie-consent page"),
        (_PAYWALL, "a paywall page"),
        (_LISTING, "a directory listing"),
    )
    for pattern, kind in kinds:
        if reason is None and any(pattern.fullmatch(text) for text in said):
            reason = f"{kind}, not an article"
    return reason if reason and _short(lines) else None
