"""Skill coverage of a lesson for `dbq check`, and the workspace's minimum per skill."""

from __future__ import annotations

from dbq.errors import Problem
from dbq.generate.questions import skill_coverage
from dbq.prepare.lessons import PreparedLesson
from dbq.workspace.model import SKILL_NAMES, SKILLS, Settings


def coverage_lines(prepared: PreparedLesson) -> list[str]:
    """One line per document: how many questions of each skill it has."""
    lines = []
    for label, counts in skill_coverage(prepared).items():
        parts = ", ".join(f"{SKILL_NAMES[skill].lower()} {counts[skill]}" for skill in SKILLS)
        lines.append(f"  Document {label}: {parts}")
    return lines


def coverage_problems(prepared: PreparedLesson, settings: Settings) -> list[Problem]:
    """A located problem for each document below the workspace's minimum for a skill."""
    located = prepared.located
    if not settings.minimum_per_skill or located is None:
        return []
    problems = []
    coverage = skill_coverage(prepared)
    for index, document in enumerate(prepared.documents):
        for skill in SKILLS:
            need = settings.minimum_per_skill.get(skill, 0)  # type: ignore[call-overload]
            have = coverage[document.label][skill]
            if have < need:
                problems.append(
                    located.problem(
                        ("documents", index),
                        f"Document {document.label} has {have} {SKILL_NAMES[skill].lower()} "
                        f"question(s); dbq.yaml requires {need} (minimum_per_skill.{skill}). "
                        "Add one, or let dbq generate it (remove `generate: false` or raise "
                        "its count)",
                        code="Q001",
                    )
                )
    return problems
