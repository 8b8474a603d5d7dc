"""Interactive HTML views of the graph: one self-contained file, vis-network inlined from the pyvis
package, no network request. `render_default(graph, path)` writes the build's `graph.html`;
`select_view(...)` picks the nodes of `kg view`."""
from kg.views.render import ViewOptions, ViewSource, render_default, render_view, select_view

__all__ = ["ViewOptions", "ViewSource", "render_default", "render_view", "select_view"]
