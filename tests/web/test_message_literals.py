"""Language (issue 14, item 5): a message a service raises is translated when it is raised.

A ``raise SomeError("Okänd …")`` with a Swedish literal (or f-string) reaches English pages and
API answers in Swedish. The web apps' modules (services, routes, forms, validation, permissions,
exports) wrap every such message in ``gettext`` (evaluated at raise time; module-level constants
use ``gettext_noop`` and are translated where they are raised). This test walks their syntax
trees: a Swedish literal among the arguments of a raised exception (also inside an ``errors``
dict), of ``require``/``raise_if``/``atomic_unique`` or put into ``errors[...]``, not inside a
``gettext`` call, fails. Operator packages (imports, warehouse, CLI) and programming errors
(``ValueError``…) are not checked; ``ALLOWED`` lists the few that stay, each with its reason.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import kompetensbron

SRC = Path(kompetensbron.__file__).parent
SWEDISH = re.compile(
    r"[åäöÅÄÖ]|\b(och|är|inte|för|att|kan|har|ett|en|som|till|med|du|redan|okänd|okänt|ingen|inga|"
    r"måste|saknas|finns|får|ange|välj|endast|bara|ska)\b",
    re.IGNORECASE,
)
GETTEXT = {"_", "gettext", "gettext_lazy", "gettext_noop", "ngettext", "pgettext", "pgettext_lazy"}

# file (relative to the package) -> why its Swedish raise literals stay
ALLOWED: dict[str, str] = {
    "reference/services.py": "UnknownConcept(kind, code) takes the kind of code as a key ('länskod', 'FA-kod') "
    "of errors.CONCEPT_KINDS, which UnknownConcept translates into its message",
}


#: packages whose messages are for operators (file imports, the warehouse, model builds, the CLI):
#: English or Swedish text in a log or a terminal, not on a page
OPERATOR_PACKAGES = {"sources", "cli", "warehouse", "enrich", "analysis", "migrations", "management"}
#: a programming error, never shown to a user as such (the web layer answers 500)
PROGRAMMING_ERRORS = {"ValueError", "TypeError", "KeyError", "RuntimeError", "NotImplementedError", "AssertionError"}


def checked_modules() -> list[Path]:
    """Every module of the web apps (services, routes, forms, validation, permissions, exports…)."""
    return sorted(
        p
        for p in SRC.rglob("*.py")
        if not OPERATOR_PACKAGES & set(p.relative_to(SRC).parts) and not p.name.startswith("demo")
    )


def _literals(node: ast.AST) -> list[str]:
    """The string literals under ``node`` that are not inside a gettext call."""
    if isinstance(node, ast.Call):
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        if name in GETTEXT:
            return []
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        return ["".join(v.value for v in node.values if isinstance(v, ast.Constant))]
    return [text for child in ast.iter_child_nodes(node) for text in _literals(child)]


#: calls whose arguments are messages for users besides a raised exception's: the permission
#: check, the validation helpers, the unique-write guard
MESSAGE_CALLS = {"require", "raise_if", "atomic_unique"}


def _messages(node: ast.AST) -> list[ast.AST]:
    """The message arguments ``node`` passes on: a raised exception's, a message call's, or the
    value put into an ``errors[...]`` dict."""
    call = node.exc if isinstance(node, ast.Raise) else node
    if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id in PROGRAMMING_ERRORS:
        return []
    if isinstance(node, ast.Raise) or (
        isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id in MESSAGE_CALLS
    ):
        if isinstance(call, ast.Call):
            return [*call.args, *(k.value for k in call.keywords)]
    if isinstance(node, ast.Assign) and any(
        isinstance(t, ast.Subscript) and isinstance(t.value, ast.Name) and t.value.id == "errors" for t in node.targets
    ):
        return [node.value]
    return []


def swedish_raise_literals(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        for text in (t for a in _messages(node) for t in _literals(a)):
            if SWEDISH.search(text):
                found.append(f"{path.relative_to(SRC)}:{node.lineno}: {text[:80]!r}")
    return found


def test_the_check_sees_an_untranslated_message(tmp_path: Path):
    module = tmp_path / "example.py"
    module.write_text(
        "def f(pk):\n"
        '    raise NotFound(f"Okänt möte: {pk}")\n'
        "def g(pk):\n"
        '    raise NotFound(_("Okänt möte: %(pk)s") % {"pk": pk})\n'
        "def h():\n"
        '    raise ValidationFailed(_("Fel."), errors={"name": "Ange ett namn."})\n'
        "def i(actor, errors):\n"
        '    require(actor, "change", None, "Endast samordnare.")\n'
        '    errors["year"] = f"Året ska vara {1}."\n',
        encoding="utf-8",
    )
    global SRC
    saved, SRC = SRC, tmp_path
    try:
        found = swedish_raise_literals(module)
    finally:
        SRC = saved
    assert sorted(int(f.split(":")[1]) for f in found) == [2, 6, 8, 9]


def test_every_raised_message_is_translated():
    modules = checked_modules()
    assert len(modules) > 150  # the glob itself works
    found = [f for p in modules if str(p.relative_to(SRC)) not in ALLOWED for f in swedish_raise_literals(p)]
    assert not found, "Swedish messages raised without gettext:\n" + "\n".join(found)


def test_the_allowed_files_still_need_it():
    for name in ALLOWED:
        assert swedish_raise_literals(SRC / name), f"{name} no longer raises a Swedish literal: remove it"
