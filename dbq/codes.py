"""Stable codes for every problem dbq reports, like a linter's rule codes.

Every problem carries its code from the place that raises it (`Problem(..., code="L001")`,
`located.problem(..., code=...)`, `DbqError(..., code=...)`), so rewording a message never
changes its code, and `dbq.yaml` can `ignore:` a warning's code and CI can match it. CODES is
the one list of codes and their meanings; docs/codes.md explains them, and tests/test_codes.py
checks that every code raised is in both.
"""

from __future__ import annotations

# What each code's letter says about where the problem is.
GROUPS: dict[str, str] = {
    "Y": "the file itself: YAML syntax, encoding, size, reading it",
    "L": "the lesson's keys and values",
    "C": "citations and excerpts",
    "S": "sources",
    "G": "glossaries and reading load",
    "T": "timelines and context",
    "Q": "questions",
    "R": "the packet review",
    "D": "items `dbq draft` wrote",
    "P": "rendering and PDF",
    "W": "the workspace",
    "X": "anything else",
}

# Every code dbq can report, with what it means.
CODES: dict[str, str] = {
    "Y001": "YAML syntax",
    "Y002": "not UTF-8 text",
    "Y003": "an impossible date",
    "Y004": "a key written twice",
    "Y005": "a file too large, too deep or with too many aliases",
    "Y006": "a file dbq cannot read (missing, a link to nothing, an I/O error)",
    "Y007": "a control character in the text",
    "Y008": "a YAML tag dbq does not read (!!binary, !!set, !mine …) or a value its tag refuses",
    "Y009": "not a regular file: a folder, a pipe or a device where a file should be",
    "Y010": "a file dbq has no permission to read",
    "L001": "an unknown key",
    "L002": "a required key is missing",
    "L003": "a value not allowed",
    "L004": "a lesson, unit or settings file that is not `key: value` lines",
    "L005": "an id used twice",
    "L006": "a lesson with problems listed below",
    "L007": "placeholder text left from `dbq new`",
    "L008": "more than a lesson can hold (documents, questions, excerpt words, cuts)",
    "L009": "a date written in another style than dbq.yaml's `date_style`",
    "C001": "an unknown source",
    "C002": "a paragraph out of range",
    "C003": "cited text not found in the source",
    "C004": "evidence, a cut or a gloss not in the excerpt",
    "C005": "a document label that does not exist",
    "C006": "an adapted text that does not keep the original's paragraphs",
    "S001": "a source file's metadata",
    "S002": "a file `dbq sources import` cannot use (empty, a scanned PDF, one --id for many)",
    "G001": "a term with no definition",
    "G002": "an excerpt above the reading level",
    "G003": "a word defined by itself (a circular definition)",
    "G004": "a name defined as a common word",
    "G005": "a definition of another part of speech than the word's use in the text",
    "T001": "a timeline problem: a document outside the timelines, an event without a citation",
    "Q001": "fewer questions than dbq.yaml requires",
    "Q002": "a question with no model answer",
    "R101": "a question's answer, or a wrong choice, is printed elsewhere in the student copy",
    "R102": "student text names a fact dated after the document",
    "R103": "a reference in the key that does not match the excerpt",
    "R104": "a quote cut mid-sentence or unbalanced",
    "R105": "a model answer that is a list of words",
    "R106": "an essay rubric students cannot earn in full",
    "R107": "two choices of a multiple-choice question that say the same",
    "R108": "a model answer that describes a good answer, repeats the task or is a blank template",
    "D001": "a drafted item no longer matches its excerpt",
    "P001": "a warning from the PDF renderer",
    "P002": "a template problem",
    "P003": "a worksheet longer than the lesson's `pages:` target",
    "P004": "characters dbq's fonts cannot print",
    "W001": "a workspace problem (not a workspace, a folder missing, a workspace not made)",
    "W002": "a file that cannot be written (an I/O error)",
    "W003": "a file that cannot be written: the disk is full",
    "W004": "a file that cannot be written: a file-size limit (`ulimit -f`)",
    "W005": "a file that cannot be written: no permission (a read-only folder or disk)",
    "W006": "a file that cannot be written: a file where a folder should be, or the reverse",
    "W007": "an id or a name dbq cannot make a file name from",
    "X001": "anything else",
    "X002": "dbq crashed: a bug in dbq, never in your files (exit status 70); please report it",
}
