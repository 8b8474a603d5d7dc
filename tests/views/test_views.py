"""The HTML views: offline, safe with hostile text, and usable in a real browser."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.build import build
from kg.graph.io import read_node_link
from kg.views import ViewOptions, render_view, select_view

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
# (no tag kg strips from titles, such as </div>: what reaches the view must be escaped there)
HOSTILE_TITLE = '<script>alert(1)</script> "quotes" </textarea><img src=x onerror=alert(2)>'
HOSTILE_NAME = "Evil</script><script>alert(3)</script>Net"


@pytest.fixture(scope="module")
def hostile_export(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    abstract = (f"We propose {HOSTILE_NAME}, a new model, and evaluate it on ImageNet and COCO. "
                "Our method outperforms BERT and achieves 84.5% top-1 accuracy on ImageNet-1K.")
    records = [{"id": "evil-1", "title": HOSTILE_TITLE, "abstract": abstract},
               {"id": "evil-2", "title": "A \u202eright-to-left\u202c title with zero\u200bwidth", "abstract": abstract}]
    (folder / "in.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    out = folder / "exports"
    build([folder / "in.jsonl"], out, quiet=True)
    return out


def test_views_html_has_no_external_resource(seed_export):
    text = (seed_export / "graph.html").read_text(encoding="utf-8").lower()
    for marker in ("<script src", "@import", "url(http", "url(//", "cdn.jsdelivr", "unpkg.com", 'href="http'):
        assert marker not in text, marker
    assert all(link.split('href="', 1)[1].startswith("data:") for link in text.split("<link ")[1:])
    assert "content-security-policy" in text


def test_views_hostile_text_is_escaped_in_the_file(hostile_export):
    text = (hostile_export / "graph.html").read_text(encoding="utf-8")
    data_block = text.split('<script id="kg-data" type="application/json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data_block and ">" not in data_block
    assert "\\u003cscript\\u003ealert(1)" in data_block


def test_views_select_most_connected_with_a_note(seed_export):
    graph = read_node_link(seed_export / "graph.json")
    shown, note = select_view(graph, ViewOptions(max_nodes=50))
    assert len(shown) == 50 and "dataset/imagenet" in shown
    assert "Raise --max-nodes to" in note and "give --focus NAME" in note
    _, limited_focus = select_view(graph, ViewOptions(focus="dataset/imagenet", hops=2, max_nodes=5))
    assert "Raise --max-nodes to" in limited_focus and "--focus" not in limited_focus  # (it suggested --focus)
    focused, focus_note = select_view(graph, ViewOptions(focus="dataset/imagenet", hops=1, types=("Dataset",)))
    assert "dataset/imagenet" in focused
    assert all(graph.nodes[n]["type"] in ("Dataset", "Benchmark") for n in focused)
    # the note says which filters left entities out, and suggests --max-nodes only when the limit did
    # (it read "(filters apply)", or "()" for variant parents no paper names, and suggested a
    # --max-nodes that showed nothing more in focus mode)
    assert "types Dataset" in focus_note and "within 1 hop of the focus" in focus_note
    assert "--max-nodes" not in focus_note and "()" not in focus_note


def _view_note(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    data = json.loads(text.split('<script id="kg-data" type="application/json">', 1)[1].split("</script>", 1)[0])
    return data["meta"]["omitted_note"]


def test_views_note_gives_a_max_nodes_that_shows_what_it_says(kg, seed_export, tmp_path):
    # a user's case: "Run `kg view --max-nodes 599` to see all of them", and that view still left 29 out
    # (entities no paper names, which only --min-papers 0 brings in)
    import re

    def shown(*args):
        result = kg("view", *args, "--exports", seed_export, "-o", tmp_path / "v.html")
        assert result.exit_code == 0, result.stderr
        return [int(n.replace(",", "")) for n in re.search(r": ([\d,]+) of ([\d,]+) entities", result.stdout).groups()]

    _, total = shown()
    note = _view_note(tmp_path / "v.html")
    match = re.search(r"Raise --max-nodes to (\d+) to see all ([\d,]+) named by a paper \(`--min-papers 0` adds "
                      r"the ([\d,]+) named by none\)", note)
    assert match, note
    n, named, others = (int(g.replace(",", "")) for g in match.groups())
    assert n == named and named + others == total
    assert shown("--max-nodes", n) == [n, total]
    assert shown("--max-nodes", total, "--min-papers", "0") == [total, total]


@pytest.mark.parametrize("args, message", [
    # a user's case: --types "" was accepted and showed every type
    (["--types", ""], "--types '' names no type"),
    (["--types", " , "], "--types ' , ' names no type"),
    # each of these gave "--hops and --max-nodes must be at least 1, --min-papers at least 0"
    (["--hops", "0"], "'--hops': 0 is not in the range x>=1"),
    (["--max-nodes", "0"], "'--max-nodes': 0 is not in the range x>=1"),
    (["--min-papers", "-5"], "'--min-papers': -5 is not in the range x>=0"),
])
def test_views_cli_a_bad_option_value_is_a_usage_error_naming_it(kg, seed_export, tmp_path, args, message):
    result = kg("view", *args, "--exports", seed_export, "-o", tmp_path / "v.html")
    assert result.exit_code == 2 and not (tmp_path / "v.html").exists()
    line, = result.stderr.splitlines()
    assert line.startswith("kg: error: ") and message in line


def test_views_api_names_the_bad_option(seed_export):
    from kg.errors import UsageError

    graph = read_node_link(seed_export / "graph.json")
    for options, message in ((ViewOptions(hops=0), "hops must be at least 1, not 0"),
                             (ViewOptions(min_papers=-1), "min_papers must be at least 0, not -1"),
                             (ViewOptions(max_nodes=0), "max_nodes must be at least 1, not 0")):
        with pytest.raises(UsageError, match=message):
            select_view(graph, options)


def test_views_are_byte_reproducible_with_source_date_epoch(seed_export, tmp_path, monkeypatch):
    graph = read_node_link(seed_export / "graph.json")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")
    options = ViewOptions(max_nodes=40)
    first = render_view(graph, options, tmp_path / "a.html")
    render_view(graph, options, tmp_path / "b.html")
    assert first["meta"]["generated"] == "1970-01-02 00:00"
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()


def test_views_cli(kg, seed_export, tmp_path):
    out = tmp_path / "v.html"
    result = kg("view", "--focus", "ImageNet", "--types", "Dataset,Task", "--exports", seed_export, "-o", out)
    assert result.exit_code == 0, result.stderr
    assert "KB per node" in result.stdout and out.exists()
    assert kg("view", "--types", "Gadget", "--exports", seed_export).exit_code == 2
    assert kg("view", "--focus", "Nope-9000", "--exports", seed_export).exit_code == 1



def test_views_cli_empty_view_is_nothing_found(kg, seed_export, tmp_path):
    """A filter that leaves no entity wrote an empty page over the earlier view and exited 0."""
    out = tmp_path / "v.html"
    out.write_text("my earlier view")
    result = kg("view", "--min-papers", "100000", "--exports", seed_export, "-o", out)
    assert result.exit_code == 1 and result.stderr.startswith("kg: error: no entities to show with these options")
    assert out.read_text() == "my earlier view"


def test_views_seed_page_in_a_browser(open_page, seed_export):
    page = open_page(seed_export / "graph.html")
    assert page.errors == []
    assert all(url.startswith(("file://", "data:")) for url in page.requests), page.requests
    shown = page.page.evaluate("window.kgNodes.length")
    data = json.loads(page.page.evaluate("document.getElementById('kg-data').textContent"))
    assert shown == len(data["nodes"]) == data["meta"]["shown_nodes"] > 100
    assert page.page.locator("#kg-omitted").inner_text().startswith("Showing")
    # search focuses ImageNet, and the side panel lists papers that use it
    focused = page.page.evaluate("window.kgSearch('ImageNet')")
    assert focused == "dataset/imagenet"
    assert page.page.evaluate("window.kgFocused") == "dataset/imagenet"
    items = page.page.locator("#kg-panel-papers li")
    assert items.count() >= 10
    roles = {items.nth(i).locator("[data-role]").get_attribute("data-role") for i in range(items.count())}
    assert roles & {"uses", "evaluates_on"}
    ARTIFACTS.mkdir(exist_ok=True)
    page.page.screenshot(path=str(ARTIFACTS / "seed-view.png"))


def test_views_search_box_with_autocomplete(open_page, seed_export):
    page = open_page(seed_export / "graph.html")
    page.page.fill("#kg-search", "imagen")
    suggestions = page.page.locator("#kg-suggestions")
    suggestions.wait_for(state="visible")
    assert "ImageNet" in suggestions.inner_text()
    page.page.keyboard.press("ArrowDown")
    page.page.keyboard.press("Enter")
    page.wait_for("window.kgFocused !== undefined && window.kgFocused !== null")
    assert page.page.evaluate("window.kgFocused").startswith("dataset/imagenet")


def test_views_hostile_text_renders_as_text(open_page, hostile_export):
    page = open_page(hostile_export / "graph.html")
    assert not [e for e in page.errors if "dialog" in e], page.errors
    node = page.page.evaluate(
        "window.kgNodes.get().find(n => n.label && n.label.indexOf('Evil') === 0 || (n.label || '').indexOf('Evil') >= 0)")
    assert node is not None
    page.page.evaluate(f"window.kgSelect({json.dumps(node['id'])})")
    panel = page.page.locator("#kg-panel")
    assert HOSTILE_NAME in panel.inner_text()
    assert HOSTILE_TITLE in page.page.locator("#kg-panel-papers").inner_text()
    assert page.page.evaluate("document.querySelectorAll('img[src=\"x\"]').length") == 0
    assert page.errors == []


def test_views_clicking_a_node_lists_its_papers(open_page, seed_export):
    page = open_page(seed_export / "graph.html")
    target = "dataset/imagenet"
    page.page.evaluate(f"window.kgNetwork.focus({json.dumps(target)}, {{scale: 4.0}})")
    page.page.wait_for_timeout(300)
    point = page.page.evaluate(
        f"""(() => {{ const net = window.kgNetwork, id = {json.dumps(target)};
            const box = net.getBoundingBox(id), r = document.getElementById('kg-graph').getBoundingClientRect();
            for (let i = 0; i <= 8; i++) for (let j = 0; j <= 8; j++) {{
              const c = {{x: box.left + (box.right - box.left) * (0.5 + (i % 2 ? -1 : 1) * Math.floor(i / 2) / 10),
                         y: box.top + (box.bottom - box.top) * (0.5 + (j % 2 ? -1 : 1) * Math.floor(j / 2) / 10)}};
              const d = net.canvasToDOM(c);
              if (net.getNodeAt(d) === id) return {{x: r.left + d.x, y: r.top + d.y}};
            }}
            return null; }})()""")
    assert point is not None, "the node is hidden under others at every point"
    page.page.mouse.click(point["x"], point["y"])
    page.wait_for("document.querySelectorAll('#kg-panel-papers li').length > 0")
    assert "ImageNet" in page.page.locator("#kg-panel").inner_text()
    roles = page.page.locator("#kg-panel-papers [data-role]").evaluate_all("els => els.map(e => e.dataset.role)")
    assert {"uses", "evaluates_on"} & set(roles)
