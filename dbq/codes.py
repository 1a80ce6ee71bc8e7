"""Stable codes for every problem dbq reports, like a linter's rule codes.

A problem made with an explicit `rule` keeps it; any other is classified here by its message,
so that every message dbq prints carries a code that `dbq.yaml` can `ignore:` and CI can match.
The letter says where the problem is: Y the file itself (YAML, encoding), L the lesson's keys
and values, C citations and excerpts, S sources, G glossaries and reading load, T timelines and
context, Q questions, R the packet review, D items `dbq draft` wrote, P rendering and PDF,
W the workspace.
"""

from __future__ import annotations

import re

# (code, what it means, a pattern its messages match), first match wins.
RULES: list[tuple[str, str, str]] = [
    ("R101", "a question's answer is printed elsewhere in the student copy", r"is answered by"),
    ("R102", "student text names a fact dated after the document", r"after the document"),
    ("R103", "a reference in the key does not match the excerpt", r"fix the reference"),
    ("R104", "a quote cut mid-sentence or unbalanced", r"quote whole sentences"),
    ("R105", "a model answer that is a list of words", r"is a list of words"),
    ("R106", "an essay rubric students cannot earn in full", r"no student can earn"),
    ("D001", "a drafted item no longer matches its excerpt", r"^drafted question"),
    ("Y001", "YAML syntax", r"^YAML"),
    ("Y002", "not UTF-8 text", r"not UTF-8"),
    ("Y003", "an impossible date", r"not a real date"),
    ("Y004", "a key written twice", r"(?:twice|already (?:set|given|written))"),
    (
        "Y005",
        "a file too large, too deep or with too many aliases",
        r"(?:too large|too deep|alias)",
    ),
    ("Y006", "a file dbq cannot read", r"(?:cannot read|not a (?:regular )?file|unreadable)"),
    ("Y007", "a control character in the text", r"control character"),
    ("L001", "an unknown key", r"unknown key"),
    ("L002", "a required key is missing", r"is required"),
    ("L003", "a value not allowed", r"(?:is not allowed|not one of|must be|expected|use one of)"),
    (
        "L004",
        "a lesson or unit file that is not key/value lines",
        r"(?:is a set of|lines;|`key: value`)",
    ),
    ("L005", "an id used twice", r"(?:ids must be unique|already used|listed twice)"),
    ("C001", "an unknown source", r"(?:no source|unknown source)"),
    ("C002", "a paragraph out of range", r"(?:no paragraph|paragraphs? \d+.*(?:has|only))"),
    ("C003", "cited text not found in the source", r"(?:not found|not in the source|closest)"),
    (
        "C004",
        "evidence not in the excerpt",
        r"(?:outside the excerpt|not in the excerpt|not in the text|not printed)",
    ),
    ("C005", "a document label that does not exist", r"no document"),
    ("C006", "an adapted text that does not keep the original's paragraphs", r"`adapted`"),
    ("S001", "a source file's metadata", r"(?:metadata|front matter|no text after)"),
    ("G001", "a term with no definition", r"(?:no definition|needs a definition|define it)"),
    (
        "G002",
        "an excerpt above the reading level",
        r"(?:reads at grade|more than \d+ words|words, more)",
    ),
    ("T001", "a document outside the timelines", r"(?:timeline|dated|event)"),
    ("Q001", "fewer questions than dbq.yaml requires", r"minimum_per_skill"),
    ("Q002", "a question with no model answer", r"no `answer`"),
    ("P001", "a warning from the PDF renderer", r"^PDF"),
    ("P002", "a template problem", r"template"),
    ("P003", "a worksheet longer than the lesson's `pages:` target", r"past the lesson's `pages"),
    ("W001", "a workspace problem", r"(?:workspace|lessons/|output/|sources/)"),
    ("L006", "a lesson with problems listed below", r"has problems"),
    ("L007", "placeholder text left from `dbq new`", r"^placeholder text"),
]

OTHER = "X001"
_COMPILED = [(code, re.compile(pattern, re.I)) for code, _, pattern in RULES]


def code_for(message: str) -> str:
    """The code of a problem message: the first rule it matches, or X001."""
    for code, pattern in _COMPILED:
        if pattern.search(message):
            return code
    return OTHER
