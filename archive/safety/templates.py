"""What a page written by hand may hold as a template: calls of the site's macros, nothing else.

A page in docs/ that sets `render_macros: true` is rendered by Jinja (the
macros of macros/main.py). Anyone who can open a pull request can write such a
page, and Jinja can reach Python through attributes (`''.__class__…`). Two
guards, each enough on its own:

- `report_template` (the validator): every `{{ … }}` must be one call of a
  macro by name with plain values (text, numbers, true/false) as arguments;
  statements (`{% … %}`), filters, variables and attributes are refused with
  their line.
- `sandboxed` (the build): the engine's Jinja environment is replaced by
  Jinja's sandbox, which refuses attributes that start with «_» and the like.
"""

from __future__ import annotations

from collections.abc import Collection

from jinja2 import TemplateSyntaxError, nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment

from archive.model.problems import Report

# Each call can show a whole register (megabytes of HTML at 2,000 meetings), and a page
# of a megabyte holds 34,000 calls: 3,000 calls of the smallest part took the build of
# a tiny archive from 4 s to 27 s and made an 18 MB page. The guide makes eight.
MAX_MACRO_CALLS = 20


def _parse(text: str):
    return ImmutableSandboxedEnvironment().parse(text)


def report_template(body: str, first_line: int, report: Report, macros: Collection[str]) -> None:
    """Refuse anything but macro calls with plain arguments, with the line it stands on."""
    try:
        tree = _parse(body)
    except TemplateSyntaxError as error:
        report(first_line + (error.lineno or 1) - 1, f'makrofeil: {error.message}. Skriv makroen som {{{{ navn("verdi") }}}}; se docs-dev/pages.md.')
        return
    known = ", ".join(macros)
    calls = 0
    for node in tree.body:
        if isinstance(node, nodes.Output):
            for part in node.nodes:
                if isinstance(part, nodes.TemplateData):
                    continue
                calls += 1
                if calls == MAX_MACRO_CALLS + 1:
                    report(
                        first_line + part.lineno - 1,
                        f"siden kaller makroer mer enn {MAX_MACRO_CALLS} ganger. Hver makro kan vise et helt register, "
                        "så siden ville blitt for stor til å bygges; del den opp i flere sider.",
                    )
                problem = _call_problem(part, macros)
                if problem:
                    report(
                        first_line + part.lineno - 1,
                        f"{problem} Bare kall av sidens makroer er tillatt ({known}), med tekst, tall eller true/false som verdier.",
                    )
        else:
            report(first_line + node.lineno - 1, f"«{{% … %}}» er ikke tillatt i en side. Bare kall av sidens makroer er tillatt ({known}).")


def macro_calls(body: str, macros: Collection[str]) -> list[tuple[int, str, list, dict]]:
    """The calls `report_template` accepts, with their line in the body: (line, name, args, kwargs)."""
    try:
        tree = _parse(body)
    except TemplateSyntaxError:
        return []
    calls = []
    for node in tree.body:
        for part in node.nodes if isinstance(node, nodes.Output) else []:
            if not isinstance(part, nodes.TemplateData) and _call_problem(part, macros) is None:
                calls.append((part.lineno, part.node.name, [a.value for a in part.args], {k.key: k.value.value for k in part.kwargs}))
    return calls


def _call_problem(node: nodes.Node, macros: Collection[str]) -> str | None:
    if not isinstance(node, nodes.Call) or not isinstance(node.node, nodes.Name):
        return "uttrykket er ikke et kall av en makro."
    if node.node.name not in macros:
        return f"ukjent makro «{node.node.name}»."
    if node.dyn_args is not None or node.dyn_kwargs is not None:
        return f"makroen «{node.node.name}» får verdiene sine skrevet ut, ikke med * eller **."
    for value in [*node.args, *(keyword.value for keyword in node.kwargs)]:
        if not isinstance(value, nodes.Const) or not isinstance(value.value, (str, int, bool, type(None))):
            return f"verdiene til «{node.node.name}» må være tekst, tall eller true/false."
    return None


def sandboxed(environment):
    """The same environment (loader, delimiters, undefined, macros and filters) in Jinja's sandbox."""
    safe = ImmutableSandboxedEnvironment(
        loader=environment.loader,
        undefined=environment.undefined,
        block_start_string=environment.block_start_string,
        block_end_string=environment.block_end_string,
        variable_start_string=environment.variable_start_string,
        variable_end_string=environment.variable_end_string,
        comment_start_string=environment.comment_start_string,
        comment_end_string=environment.comment_end_string,
    )
    safe.globals.update(environment.globals)
    safe.filters.update(environment.filters)
    return safe
