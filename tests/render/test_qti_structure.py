"""The QTI package of every repository lesson, checked against the grammar of QTI 1.2.1 and
IMS Content Packaging 1.1 (issue 23, item 3).

Not the IMS XSDs: no copy of ims_qtiasiv1p2p1.xsd was found anywhere reachable (PyPI, the
code index); the one copy of imscp_v1p1.xsd (CP 1.1.4) that carries IMS's notice lets a
developer redistribute it only after registering with IMS; and the QTI 1.2.1 DTD that pyslet's
source release carries on PyPI has no licence notice at all, so none of them ships here. Two
checks instead:

- the content models below, written here in DTD notation for every element dbq writes, from
  the QTI 1.2.1 ASI binding (ims_qtiasiv1p2p1.dtd, 14 Feb 2003) and the CP 1.1.4 binding: the
  order and number of children, the required attributes and the enumerated values (an element
  dbq starts writing that is not listed fails until its model is added);
- IMS's own DTD itself, as pyslet 0.7.20170805's source release on PyPI carries it, fetched
  with pip when the test runs (not shipped; skipped, saying so, where PyPI cannot be reached):
  lxml validates each assessment against it, the XSD binding's namespace taken off, as the
  DTD binding has none.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from click.testing import CliRunner
from lxml import etree

from dbq.cli import main
from dbq.render.qti import CP_NS, QTI_NS
from tests.helpers import REPO

LESSONS = sorted(p.stem for p in (REPO / "lessons").glob("*.yaml"))


@dataclass(frozen=True)
class Model:
    """An element's content model in DTD notation, its attributes (None: any value; a tuple:
    the enumeration) and which of them are required."""

    content: str
    attributes: dict[str, tuple[str, ...] | None]
    required: tuple[str, ...] = ()
    text: bool = False  # #PCDATA


YES_NO = ("Yes", "No")

# QTI 1.2.1 ASI: only the elements dbq writes, each with its model in full.
QTI: dict[str, Model] = {
    "questestinterop": Model("(qticomment? , (objectbank | assessment | (section | item)+))", {}),
    "assessment": Model(
        "(qticomment? , duration? , qtimetadata* , objectives* , assessmentcontrol* , rubric* ,"
        " presentation_material? , outcomes_processing* , assessproc_extension? ,"
        " assessfeedback* , selection_ordering? , reference? , (sectionref | section)+)",
        {"ident": None, "title": None},
        ("ident",),
    ),
    "section": Model(
        "(qticomment? , duration? , qtimetadata* , objectives* , sectioncontrol* ,"
        " sectionprecondition* , sectionpostcondition* , rubric* , presentation_material? ,"
        " outcomes_processing* , sectionproc_extension? , sectionfeedback* ,"
        " selection_ordering? , reference? , (itemref | item | sectionref | section)*)",
        {"ident": None, "title": None},
        ("ident",),
    ),
    "item": Model(
        "(qticomment? , duration? , itemmetadata? , objectives* , itemcontrol* ,"
        " itemprecondition* , itempostcondition* , (itemrubric | rubric)* , presentation? ,"
        " resprocessing* , itemproc_extension? , itemfeedback* , reference?)",
        {"ident": None, "title": None, "label": None, "maxattempts": None},
        ("ident",),
    ),
    "itemmetadata": Model(
        "(qtimetadata* , qmd_computerscored? , qmd_feedbackpermitted? , qmd_hintspermitted? ,"
        " qmd_itemtype? , qmd_levelofdifficulty? , qmd_maximumscore? , qmd_renderingtype* ,"
        " qmd_responsetype* , qmd_scoringpermitted? , qmd_solutionspermitted? , qmd_status? ,"
        " qmd_timedependence? , qmd_timelimit? , qmd_toolvendor? , qmd_topic? , qmd_weighting? ,"
        " qmd_material* , qmd_typeofsolution?)",
        {},
    ),
    "qtimetadata": Model("(vocabulary? , qtimetadatafield+)", {}),
    "qtimetadatafield": Model("(fieldlabel , fieldentry)", {}),
    "fieldlabel": Model("", {}, text=True),
    "fieldentry": Model("", {}, text=True),
    "presentation": Model(
        "(qticomment? , (flow | (material | response_lid | response_xy | response_str |"
        " response_num | response_grp | response_extension)+))",
        {"label": None},
    ),
    "material": Model(
        "(qticomment? , (mattext | matemtext | matimage | mataudio | matvideo | matapplet |"
        " matapplication | matref | matbreak | mat_extension)+ , altmaterial*)",
        {"label": None},
    ),
    "mattext": Model("", {"texttype": None, "label": None}, text=True),
    "response_lid": Model(
        "((material | material_ref)? , (render_choice | render_hotspot | render_slider |"
        " render_fib | render_extension) , (material | material_ref)?)",
        {"ident": None, "rcardinality": ("Single", "Multiple", "Ordered"), "rtiming": YES_NO},
        ("ident",),
    ),
    "render_choice": Model(
        "((material | material_ref | response_label | flow_label)* , response_na?)",
        {"shuffle": YES_NO, "minnumber": None, "maxnumber": None},
    ),
    "response_label": Model(
        "(qticomment | material | material_ref | flow_mat)*",
        {"ident": None, "rshuffle": YES_NO, "labelrefid": None},
        ("ident",),
        text=True,
    ),
    "flow_mat": Model("(qticomment? , (flow_mat | material | material_ref)+)", {"class": None}),
    "resprocessing": Model(
        "(qticomment? , outcomes , (respcondition | itemproc_extension)+)", {"scoremodel": None}
    ),
    "outcomes": Model("(qticomment? , (decvar , interpretvar*)+)", {}),
    "decvar": Model(
        "",
        {
            "varname": None,
            "vartype": (
                "Integer",
                "String",
                "Decimal",
                "Scientific",
                "Boolean",
                "Enumerated",
                "Set",
            ),
            "defaultval": None,
            "minvalue": None,
            "maxvalue": None,
            "members": None,
            "cutvalue": None,
        },
        text=True,
    ),
    "respcondition": Model(
        "(qticomment? , conditionvar , setvar* , displayfeedback* , respcond_extension?)",
        {"continue": YES_NO, "title": None},
    ),
    "conditionvar": Model(
        "(not | and | or | unanswered | other | varequal | varlt | varlte | vargt | vargte |"
        " varsubset | varinside | varsubstring | durequal | durlt | durlte | durgt | durgte |"
        " var_extension)+",
        {},
    ),
    "varequal": Model("", {"respident": None, "case": YES_NO, "index": None}, ("respident",), True),
    "other": Model("", {}, text=True),
    "setvar": Model(
        "",
        {"varname": None, "action": ("Set", "Add", "Subtract", "Multiply", "Divide")},
        text=True,
    ),
    "displayfeedback": Model(
        "",
        {"feedbacktype": ("Response", "Solution", "Hint"), "linkrefid": None},
        ("linkrefid",),
        text=True,
    ),
    "itemfeedback": Model(
        "((flow_mat | material) | solution | hint)+",
        {"ident": None, "title": None, "view": None},
        ("ident",),
    ),
}
# response_str has response_lid's content and attributes; render_fib's children are
# render_choice's, with attributes of its own.
QTI["response_str"] = QTI["response_lid"]
QTI["render_fib"] = Model(
    QTI["render_choice"].content,
    {
        "fibtype": ("String", "Integer", "Decimal", "Scientific"),
        "prompt": ("Box", "Dashline", "Asterisk", "Underline"),
        "rows": None,
        "columns": None,
        "maxchars": None,
    },
)

# IMS CP 1.1.4: "any" is an element of another namespace, none of which dbq writes.
CP: dict[str, Model] = {
    "manifest": Model(
        "(metadata? , organizations , resources , manifest*)",
        {"identifier": None, "version": None},
        ("identifier",),
    ),
    "metadata": Model("(schema? , schemaversion?)", {}),
    "schema": Model("", {}, text=True),
    "schemaversion": Model("", {}, text=True),
    "organizations": Model("(organization*)", {"default": None}),
    "resources": Model("(resource*)", {}),
    "resource": Model(
        "(metadata? , file* , dependency*)",
        {"identifier": None, "type": None, "href": None},
        ("identifier", "type"),
    ),
    "file": Model("(metadata?)", {"href": None}, ("href",)),
}


def _regex(content: str) -> re.Pattern[str]:
    """A DTD content model as a regex over the children's names, each followed by a space."""
    names = re.sub(r"\w+", lambda m: f"(?:{m.group(0)}_)", re.sub(r"\s+", "", content))
    return re.compile(names.replace(",", "").replace("_)", " )"))


NCNAME = re.compile(r"[A-Za-z_][\w.-]*")


def _problems(root: ET.Element, namespace: str, models: dict[str, Model]) -> list[str]:
    found = []
    for element in root.iter():
        where = f"<{element.tag}>"
        space, _, name = element.tag[1:].partition("}")
        if space != namespace:
            found.append(f"{where}: not in {namespace}")
            continue
        model = models.get(name)
        if model is None:
            found.append(f"{where}: no content model written for it here")
            continue
        children = "".join(f"{child.tag.partition('}')[2]} " for child in element)
        if model.content and not _regex(model.content).fullmatch(children):
            found.append(f"{where}: children [{children.strip()}] do not match {model.content}")
        if not model.content and len(element):
            found.append(f"{where}: holds elements but is text only")
        has_text = (element.text or "").strip() or any((c.tail or "").strip() for c in element)
        if has_text and not model.text:
            found.append(f"{where}: holds text but its model has no #PCDATA")
        for attribute, value in element.attrib.items():
            if attribute not in model.attributes:
                found.append(f"{where}: attribute {attribute} is not declared")
            elif (allowed := model.attributes[attribute]) and value not in allowed:
                found.append(f"{where}: {attribute}={value!r} is not one of {allowed}")
        found += [f"{where}: no {a}" for a in model.required if a not in element.attrib]
    return found


def _manifest_problems(manifest: ET.Element, names: set[str]) -> list[str]:
    """What the CP schema's types and the package's own references require."""
    found = _problems(manifest, CP_NS, CP)
    identifiers = [e.get("identifier", "") for e in manifest.iter() if e.get("identifier")]
    found += [f"identifier {i!r} is not an xsd:ID" for i in identifiers if not NCNAME.fullmatch(i)]
    if len(set(identifiers)) != len(identifiers):
        found.append(f"identifiers repeat: {identifiers}")
    for resource in manifest.iter(f"{{{CP_NS}}}resource"):
        files = [f.get("href") for f in resource.iter(f"{{{CP_NS}}}file")]
        found += [f"file {href} is not in the package" for href in files if href not in names]
        if resource.get("href") not in files:
            found.append(f"resource href {resource.get('href')} is not one of its files")
    return found


def _html_problems(root: ET.Element) -> list[str]:
    """mattext of type text/html holds HTML that an LMS parses: it must at least be
    well-formed, and hold text."""
    found = []
    for mattext in root.iter(f"{{{QTI_NS}}}mattext"):
        if mattext.get("texttype") != "text/html":
            continue
        try:
            fragment = ET.fromstring(f"<div>{mattext.text or ''}</div>")
        except ET.ParseError as error:
            found.append(f"mattext HTML does not parse ({error}): {mattext.text!r:.80}")
            continue
        if not "".join(fragment.itertext()).strip():
            found.append("an empty mattext")
    return found


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every repository lesson's QTI package, with the key kept out (the default) and with
    the key as feedback (`lms_feedback: true`)."""
    built = {}
    for feedback in (False, True):
        root = tmp_path_factory.mktemp("qti-feedback" if feedback else "qti")
        shutil.copytree(REPO / "sources", root / "sources")
        shutil.copytree(REPO / "lessons", root / "lessons")
        if feedback:
            (root / "dbq.yaml").write_text("lms_feedback: true\n", encoding="utf-8")
        args = ["-C", str(root), "build", "--quiet", "--format", "qti", *LESSONS]
        result = CliRunner().invoke(main, args, catch_exceptions=False)
        assert result.exit_code == 0, result.output
        for lesson in LESSONS:
            built[f"{lesson}{' (feedback)' if feedback else ''}"] = (
                root / "output" / lesson / f"{lesson}-qti.zip"
            )
    return built


@pytest.mark.slow
def test_every_qti_package_follows_the_qti_and_content_packaging_grammar(
    packages: dict[str, Path],
) -> None:
    assert len(packages) == 2 * len(LESSONS) >= 8
    for name, package in packages.items():
        with zipfile.ZipFile(package) as archive:
            names = set(archive.namelist())
            manifest = ET.fromstring(archive.read("imsmanifest.xml"))
            assert _manifest_problems(manifest, names) == [], name
            xml = [n for n in names if n.endswith(".xml") and n != "imsmanifest.xml"]
            assert xml, name
            for member in xml:
                root = ET.fromstring(archive.read(member))
                assert root.tag == f"{{{QTI_NS}}}questestinterop", (name, member)
                assert _problems(root, QTI_NS, QTI) == [], (name, member)
                assert _html_problems(root) == [], (name, member)
                idents = [item.get("ident") for item in root.iter(f"{{{QTI_NS}}}item")]
                assert len(set(idents)) == len(idents), (name, member)


def test_the_grammar_check_finds_what_a_schema_would() -> None:
    """The check is not a rubber stamp: each mistake below is one a validator reports."""
    q = f"{{{QTI_NS}}}"

    def item(*children: str, **attributes: str) -> ET.Element:
        root = ET.Element(f"{q}questestinterop")
        element = ET.SubElement(root, f"{q}item", attributes)
        for child in children:
            ET.SubElement(element, f"{q}{child}")
        return root

    assert _problems(item(ident="a"), QTI_NS, QTI) == []
    # a resprocessing needs a respcondition (the mistake dbq made for essays without a key)
    processing = item("resprocessing", ident="a")
    ET.SubElement(processing[0][0], f"{q}outcomes")
    ET.SubElement(processing[0][0][0], f"{q}decvar")
    assert any("resprocessing" in p for p in _problems(processing, QTI_NS, QTI))
    assert any("no ident" in p for p in _problems(item(), QTI_NS, QTI))
    assert any(
        "do not match" in p
        for p in _problems(item("resprocessing", "presentation", ident="a"), QTI_NS, QTI)
    )
    assert any("not declared" in p for p in _problems(item(ident="a", kind="x"), QTI_NS, QTI))
    wrong = item(ident="a")
    wrong[0].tag = "{http://example.org/other}item"
    assert any("not in" in p for p in _problems(wrong, QTI_NS, QTI))
    condition = ET.Element(f"{q}respcondition", {"continue": "maybe"})
    ET.SubElement(ET.SubElement(condition, f"{q}conditionvar"), f"{q}other")
    assert any("not one of" in p for p in _problems(condition, QTI_NS, QTI))
    manifest = ET.fromstring(
        f'<manifest xmlns="{CP_NS}" identifier="1x"><organizations/><resources>'
        '<resource identifier="r" type="imsqti_xmlv1p2" href="a.xml"><file href="b.xml"/>'
        "</resource></resources></manifest>"
    )
    problems = _manifest_problems(manifest, {"a.xml"})
    assert any("not an xsd:ID" in p for p in problems)
    assert any("b.xml is not in the package" in p for p in problems)
    assert any("not one of its files" in p for p in problems)


PYSLET = "pyslet==0.7.20170805"
DTD_MEMBER = "pyslet-0.7.20170805/unittests/data_imsqtiv1p2p1/ims_qtiasiv1p2p1.dtd"


@pytest.fixture(scope="module")
def qti_dtd(tmp_path_factory: pytest.TempPathFactory) -> etree.DTD:
    """IMS's QTI 1.2.1 ASI DTD, from pyslet's source release (pip's cache keeps it)."""
    folder = tmp_path_factory.mktemp("pyslet")
    fetch = [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:"]
    done = subprocess.run(
        [*fetch, "-q", "-d", str(folder), PYSLET], capture_output=True, text=True, timeout=300
    )
    archives = list(folder.glob("pyslet-*.tar.gz"))
    if done.returncode != 0 or not archives:
        pytest.skip(f"could not fetch {PYSLET} from PyPI for the QTI DTD: {done.stderr[-300:]}")
    with tarfile.open(archives[0]) as archive:
        member = archive.extractfile(DTD_MEMBER)
        assert member is not None
        text = member.read()
    assert b"ims_qtiasiv1p2p1.dtd" in text[:600]  # the file it says it is
    return etree.DTD(io.BytesIO(text))


def _without_namespace(xml: bytes) -> etree._Element:
    root = etree.fromstring(xml)
    for element in root.iter():
        if isinstance(element.tag, str):
            element.tag = etree.QName(element).localname
    etree.cleanup_namespaces(root)
    return root


@pytest.mark.slow
def test_every_qti_assessment_is_valid_against_the_ims_qti_dtd(
    packages: dict[str, Path], qti_dtd: etree.DTD
) -> None:
    for name, package in packages.items():
        with zipfile.ZipFile(package) as archive:
            for member in archive.namelist():
                if not member.endswith(".xml") or member == "imsmanifest.xml":
                    continue
                valid = qti_dtd.validate(_without_namespace(archive.read(member)))
                errors = [str(e) for e in qti_dtd.error_log][:5]
                assert valid, (name, member, errors)
