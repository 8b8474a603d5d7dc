"""Text clean-up shared by every reader.

Abstracts arrive with markup (`<i>`, `<sub>`, `<jats:p>`), LaTeX (`\\%`, `~`, `\\eg`, `{\\rm ...}`),
HTML entities (some mangled to a bare `x2013`), a missing space after a full stop
(`paramount.Current`), words hyphenated across line breaks, and Unicode oddities (non-breaking,
zero-width and bidi-control characters). `clean_text` turns them into plain NFC text with single spaces.
Readers keep the raw text beside it; `raw_span` maps a span of the clean text back to the raw characters.
"""
from __future__ import annotations

import difflib
import html
import re
import unicodedata
from collections.abc import Iterable

# Code points that mangled HTML entities ("x2013", "#x2019;") stand for in scraped abstracts. Only these
# are decoded from the bare form, so that "1024x2048" stays a resolution.
_MANGLED = ("2010", "2011", "2012", "2013", "2014", "2015", "2018", "2019", "201C", "201D",
            "201c", "201d", "2026", "2212", "00A0", "00a0", "00B1", "00b1", "00D7", "00d7", "00B0",
            "00b0", "2022")
_MANGLED_RE = re.compile(r"(?<![A-Za-z])(?:&#|#)?x(" + "|".join(_MANGLED) + r");?")

_LATEX_WRAPPERS = re.compile(
    r"\\(?:textbf|textit|emph|texttt|textsc|textrm|textsf|text|mathrm|mathbf|mathit|mathcal|"
    r"mathsf|mathtt|mathbb|operatorname|url|underline)\s*\{([^{}]*)\}")
_LATEX_HREF = re.compile(r"\\href\s*\{[^{}]*\}\s*\{([^{}]*)\}")
_LATEX_GROUP = re.compile(r"\{\\(?:rm|bf|it|em|sc|tt|sf|sl|small|footnotesize|large)\s+([^{}]*)\}")
_LATEX_CITE = re.compile(r"~?\\(?:cite[tp]?|citep|citet|ref|eqref|label|footnote)\s*\{[^{}]*\}")
_LATEX_WORDS = {
    r"\eg": "e.g.", r"\ie": "i.e.", r"\etal": "et al.", r"\vs": "vs.", r"\etc": "etc.",
    r"\wrt": "w.r.t.", r"\cf": "cf.",
}
_LATEX_WORDS_RE = re.compile(r"(" + "|".join(re.escape(k) for k in _LATEX_WORDS) + r")(?![A-Za-z])\.?")
_LATEX_SYMBOLS = {
    "times": "×", "pm": "±", "approx": "≈", "sim": "~", "leq": "≤", "geq": "≥", "le": "≤",
    "ge": "≥", "neq": "≠", "rightarrow": "→", "to": "→", "leftarrow": "←", "infty": "∞",
    "cdot": "·", "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε",
    "lambda": "λ", "mu": "μ", "sigma": "σ", "theta": "θ", "tau": "τ", "pi": "π", "ell": "ℓ",
    "degree": "°", "ldots": "…", "dots": "…", "circ": "°", "dagger": "†", "ddagger": "‡", "star": "⋆",
}
# accents -> the letter with its combining mark, where the two compose into one letter (NFC): braced
# anywhere ("\'{e}", "\c{c}", "\'{\i}", "{\'e}"); braceless only inside a word ("Calder\'on", "B\"ohm")
# or as a word's last vowel ("Jos\'e"), so that escaped quotes ("don\'t", "\"Attention\"") and paths
# ("C:\data\.config") stay as typed
_LATEX_ACCENTS = {"'": "\u0301", '"': "\u0308", "`": "\u0300", "^": "\u0302", "~": "\u0303", "=": "\u0304",
                  ".": "\u0307", "c": "\u0327", "v": "\u030c", "u": "\u0306", "H": "\u030b", "k": "\u0328"}
_LATEX_ACCENT_BRACED = re.compile(r"\{\\(['\"`^~=.])(\\[ij]|[A-Za-z])\}|\\(['\"`^~=.]|[cvuHk](?=\{))\{(\\[ij]|[A-Za-z])\}")
_LATEX_ACCENT_BARE = re.compile(r"(?<=[A-Za-z])\\(['\"`^~=])([A-Za-z](?=[A-Za-z])|[aeiouAEIOU](?![A-Za-z]))")


def _accented(match: re.Match[str]) -> str:
    mark, base = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
    letter = unicodedata.normalize("NFC", base.lstrip("\\") + _LATEX_ACCENTS[mark])
    return letter if len(letter) == 1 else match.group()


_LATEX_SYMBOL_RE = re.compile(r"\\(" + "|".join(sorted(_LATEX_SYMBOLS, key=len, reverse=True)) + r")(?![A-Za-z])\s?")
_LATEX_ESCAPES = re.compile(r"\\([%&_#$])")
# spacing commands: "1,\!000" (negative thin space), "1\,000" (thin space inside a number: none),
# "8--12\,Hz", "e.g.\ dropout" (a space), "\\" (a line break)
_LATEX_NUMBER_SPACE = re.compile(r"(?<=\d)\\,(?=\d)")
_LATEX_SPACE = re.compile(r"\\[,;: ]|\\\\")
_LATEX_PLUS = re.compile(r"(?<=[A-Za-z0-9])[_^]\{(\+{1,2})\}")  # "MP_{+}", "SatMAE^{++}": MP+, SatMAE++
_INLINE_MATH = re.compile(r"\$([^$]{1,80})\$")
_TIE = re.compile(r"(?<=[A-Za-z.,;:)\]])~(?=[A-Za-z0-9(\[\\])")
_MATH_BRACES = re.compile(r"([\^_])\{([^{}]*)\}")
# "3%sim20%", "a merely sim0.6 point decrease": "$\sim$" with its backslash and dollars lost (the
# daily-papers pages do this); not "sim2real", "cos_sim0.8", "the sim2 split" or "simulation"
_BARE_SIM = re.compile(r"(?<=[\d%])sim(?=\d)|(?<![\w-])sim(?=\d+(?:\.\d+)?\s*(?:%|(?:points?|pp|x|times)\b))")
_SIM_DIGIT = re.compile(r"sim\d")  # what every _BARE_SIM match starts with: a literal, found fast

# Characters that carry no text: zero-width, bidi controls, soft hyphen, BOM.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000\t\r\f\v]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
# any character of the three above: most texts have none, and one search is cheaper than three subs
_ODD = re.compile(f"{_INVISIBLE.pattern}|{_SPACES.pattern}|{_CONTROL.pattern}")

# Markup that sources leave in titles and abstracts: HTML inline tags (OpenAlex: "<i>E. coli</i>",
# "CO<sub>2</sub>", "<scp>BERT</scp>"), JATS from Crossref ("<jats:p>", "<jats:italic>") and MathML
# ("<mml:mi>"). Only HTML's and MathML's names and the jats:/mml: namespaces, so that "p < 0.05",
# "a<b", "<unk>", "<image>", "<label>" and "<s> and </s>" stay text (HTML's strike-through "<s>" is
# far more often a paper's sentence-boundary token). Inline tags go without a trace ("CO2"); block
# tags leave a space between the words they separated.
_HTML_INLINE = ("a", "b", "i", "u", "em", "strong", "sub", "sup", "scp", "sc", "small", "big", "span", "font",
                "tt", "code", "math", "mi", "mo", "mn", "mtext", "mrow", "msub", "msup", "msubsup", "mfrac",
                "msqrt", "mstyle", "mspace", "semantics", "annotation")
_HTML_BLOCK = ("p", "br", "div", "hr", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote")
_JATS_BLOCK = ("p", "title", "sec", "list", "list-item", "abstract", "trans-abstract", "label", "caption")
_TAG_END = r"""(?:\s+[\w:.-]+\s*=\s*(?:"[^"<>]*"|'[^'<>]*'))*\s*/?>"""  # quoted attributes, a closing slash
_TAG_START = re.compile(r"</?[A-Za-z]")  # what every tag starts with: "p < 0.05" has none, found fast
_BLOCK_TAG = re.compile(r"</?(?:jats:(?:" + "|".join(sorted(_JATS_BLOCK, key=len, reverse=True)) + ")|(?:"
                        + "|".join(sorted(_HTML_BLOCK, key=len, reverse=True)) + "))" + _TAG_END, re.I)
_INLINE_TAG = re.compile(r"</?(?:(?:jats|mml):[\w.-]+|"
                         + "|".join(sorted(_HTML_INLINE, key=len, reverse=True)) + ")" + _TAG_END, re.I)

_EXPONENT = re.compile(r"(?<=\d)<(?:jats:)?sup>\s*([-\u2212+]?\d+)\s*</(?:jats:)?sup>", re.I)  # after a digit
# footnote marks: symbols, or a list ("1,2", "a,b"); a lone digit or letter stays (R<sup>2</sup>, 1<sup>st</sup>)
_MARKER = re.compile(r"<(?:jats:)?sup>\s*(?:[*\u2020\u2021\u00a7][*\u2020\u2021\u00a7,\s]*|[\da-z]+(?:\s*,\s*[\da-z*\u2020]+)+)"
                     r"\s*</(?:jats:)?sup>", re.I)
_LINE_HYPHEN = re.compile(r"([^\W\d_]+)-[ \t]*\n\s*([^\W_]+)")

# "paramount.Current": a full stop glued to the next sentence. The word before the stop must be a
# plain word (no dots, slashes or @, which mark URLs, e-mails, file names and abbreviations).
_GLUED_HINT = re.compile(r"[.!?][A-Z][a-z]")
_GLUED_DOT = re.compile(r"\.[A-Z][a-z]")  # the same after a full stop only: a literal first, searched fast
_GLUED_STOP = re.compile(r"(?<![\w./@:-])([^\W\d_][\w-]*?[A-Za-z0-9%)\]])([.!?])([A-Z][a-z]+)\b")
_ABBREVIATIONS = {"e.g", "i.e", "fig", "figs", "eq", "eqs", "vs", "etc", "cf", "resp",
                  "approx", "sec", "no", "ref", "refs", "dr", "mr", "ms", "prof", "inc", "ltd"}

# Prefixes that keep their hyphen when a word is split across lines ("Pre-" / "trained").
COMPOUND_PREFIXES = frozenset("""
pre post non self multi cross co semi anti inter intra meta sub super ultra well large small high low
fine state end zero few one two three long short real open closed task domain object vision text image
video language human model data event cross-modal coarse top bottom out in on off under over
""".split())


def words_of(text: str) -> set[str]:
    """The lower-cased vocabulary of a text, hyphenated compounds included (for `dehyphenate`)."""
    return {w.lower() for w in re.findall(r"[^\W_]+(?:-[^\W_]+)*", text)}


def join_split_word(left: str, right: str, vocabulary: Iterable[str] = ()) -> str:
    """Rejoin a word split by a hyphen at a line break: "pro-" + "posed" -> "proposed", but
    "Pre-" + "trained" -> "Pre-trained". The text's own vocabulary decides first, then the prefix."""
    if not right or not right[0].islower():
        return f"{left}-{right}"
    vocab = vocabulary if isinstance(vocabulary, (set, frozenset)) else set(vocabulary)
    joined, hyphened = (left + right).lower(), f"{left}-{right}".lower()
    if hyphened in vocab and joined not in vocab:
        return f"{left}-{right}"
    if joined in vocab and hyphened not in vocab:
        return left + right
    return f"{left}-{right}" if left.lower() in COMPOUND_PREFIXES else left + right


def dehyphenate(text: str, vocabulary: Iterable[str] | None = None) -> str:
    """Undo hyphenation at line breaks ("pro-\\nposed" -> "proposed")."""
    if "-\n" not in text and "- \n" not in text:
        return text
    vocab = set(vocabulary) if vocabulary is not None else words_of(text)
    return _LINE_HYPHEN.sub(lambda m: join_split_word(m.group(1), m.group(2), vocab), text)


def _math(match: re.Match[str]) -> str:
    inner = _MATH_BRACES.sub(r"\1\2", match.group(1))
    return inner.replace("{", "").replace("}", "")


def _glued_stop(match: re.Match[str]) -> str:
    word, stop, nxt = match.groups()
    if word.lower() in _ABBREVIATIONS:
        return match.group(0)
    return f"{word}{stop} {nxt}"


def strip_latex(text: str) -> str:
    """Replace LaTeX escapes and formatting macros by the text they stand for."""
    if "\\" not in text and "~" not in text and "$" not in text and "``" not in text and "{+" not in text \
            and "{,}" not in text:
        return text
    text = _LATEX_PLUS.sub(r"\1", text)
    text = _LATEX_CITE.sub("", text)
    text = _LATEX_WORDS_RE.sub(lambda m: _LATEX_WORDS[m.group(1)], text)
    for _ in range(3):  # nested wrappers: \textbf{\emph{x}}
        new = _LATEX_HREF.sub(r"\1", _LATEX_GROUP.sub(r"\1", _LATEX_WRAPPERS.sub(r"\1", text)))
        if new == text:
            break
        text = new
    text = _LATEX_SYMBOL_RE.sub(lambda m: _LATEX_SYMBOLS[m.group(1)], text)
    text = _LATEX_ACCENT_BARE.sub(_accented, _LATEX_ACCENT_BRACED.sub(_accented, text))
    text = text.replace("{,}", ",").replace("\\!", "")  # "1{,}000", "1,\!000"
    text = _LATEX_SPACE.sub(" ", _LATEX_NUMBER_SPACE.sub("", text))
    text = _LATEX_ESCAPES.sub(r"\1", text)
    text = _INLINE_MATH.sub(_math, text)
    text = _TIE.sub(" ", text)
    return text.replace("``", "\u201c").replace("''", "\u201d").replace("---", "\u2014")


def strip_tags(text: str) -> str:
    """Remove HTML, JATS and MathML tags of the known names, keeping the text they mark up. Tags
    written as entities ("&lt;b&gt;") are text the source meant to show and stay."""
    if "<" not in text or not _TAG_START.search(text):
        return text
    text = _EXPONENT.sub(r"^\1", text)  # "10<sup>-3</sup>": 10^-3, not 10-3 (two numbers)
    text = _MARKER.sub("", text)  # "Smith<sup>1,2</sup>", "Need<sup>*</sup>": footnote marks go
    return _INLINE_TAG.sub("", _BLOCK_TAG.sub(" ", text))


def unescape_html(text: str) -> str:
    """Decode HTML entities, twice for double-escaped ones, plus the mangled bare form `x2013`."""
    if "&" in text:
        text = html.unescape(html.unescape(text))
    if "x2" in text or "x0" in text:  # every mangled code starts with 2 or 0
        text = _MANGLED_RE.sub(lambda m: chr(int(m.group(1), 16)), text)
    return text


def clean_text(text: str | None, vocabulary: Iterable[str] | None = None) -> str:
    """Plain, single-spaced NFC text from whatever a reader found."""
    if not text:
        return ""
    # (each step is skipped by a cheap test where most texts have nothing for it to do)
    text = unescape_html(strip_tags(text))
    text = strip_latex(text)
    if "sim" in text and _SIM_DIGIT.search(text):
        text = _BARE_SIM.sub("~", text)
    ascii_text = text.isascii()
    if not ascii_text and ("\u2010" in text or "\u2011" in text):
        text = text.replace("\u2010", "-").replace("\u2011", "-")  # hyphen, non-breaking hyphen: "CIFAR\u201110"
    if not (ascii_text and text.isprintable()) and _ODD.search(text):  # (printable ASCII has none of them)
        text = _INVISIBLE.sub("", text)
        text = _CONTROL.sub("", text)
        text = _SPACES.sub(" ", text)
    text = dehyphenate(text, vocabulary)
    # str.split() and re's \s agree on what whitespace is; in ASCII text, after the step above, only
    # " " and "\n" are left of it
    if not ascii_text or "  " in text or "\n" in text or text[:1] == " " or text[-1:] == " ":
        text = " ".join(text.split())
    if ("!" in text or "?" in text) and _GLUED_HINT.search(text) or _GLUED_DOT.search(text):
        text = _GLUED_STOP.sub(_glued_stop, text)  # "paramount.Current"
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def raw_span(raw: str, clean: str, start: int, end: int) -> tuple[int, int]:
    """Map the span [start, end) of `clean` (from `clean_text(raw)`) to a span of `raw`.

    Computed on demand from an alignment of the two strings, so the fast path stores no offsets.
    """
    matcher = difflib.SequenceMatcher(None, clean, raw, autojunk=False)
    mapping: list[int] = [0] * (len(clean) + 1)
    for tag, c1, c2, r1, r2 in matcher.get_opcodes():
        for k in range(c1, c2):
            mapping[k] = r1 + (k - c1 if tag == "equal" else min(k - c1, max(r2 - r1 - 1, 0)))
        mapping[c2] = r2
    raw_start = mapping[start]
    raw_end = mapping[end - 1] + 1 if end > start else raw_start
    return raw_start, max(raw_end, raw_start)
