// The step graph of the dashboard's pages, drawn as SVG with no library: steps laid out left to right in layers by their
// `needs`, one node per step (a box with up to two lines of text, a state class, a tooltip), one curved arrow per need.
// McpGraph.draw(container, nodes, label): nodes are { id, needs, state, lines, title, action }; `state` becomes the
// node's class `state-STATE` and its data-status, so colours come from dashboard.css and tests can read the state.
// `lines[1]`, when a node has it, is a third line (`node-iterations`: a loop's counts), and makes every box taller;
// `action`, when given, makes the node a keyboard-reachable button with that accessible name (the page handles the click).
"use strict";
window.McpGraph = (function () {
  const SVG = "http://www.w3.org/2000/svg";
  const W = 170, GX = 60, GY = 22, M = 10;
  let drawn = 0;

  function el(tag, attributes, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attributes || {})) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // Each step's layer: one more than the deepest step it needs (a cycle, which validation forbids, counts as 0).
  function layers(nodes) {
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const depth = new Map();
    const visit = (n, seen) => {
      if (depth.has(n.id)) return depth.get(n.id);
      if (seen.has(n.id)) return 0;
      seen.add(n.id);
      const d = Math.max(-1, ...n.needs.filter((x) => byId.has(x)).map((x) => visit(byId.get(x), seen))) + 1;
      depth.set(n.id, d);
      return d;
    };
    nodes.forEach((n) => visit(n, new Set()));
    return depth;
  }

  const cut = (text, max) => (text.length > max ? text.slice(0, max - 1) + "…" : text);

  function draw(container, nodes, label) {
    const H = nodes.some((n) => n.lines && n.lines[1]) ? 64 : 48;
    const depth = layers(nodes);
    const rows = new Map();
    const at = new Map();
    for (const n of nodes) {
      const d = depth.get(n.id) || 0;
      const r = rows.get(d) || 0;
      rows.set(d, r + 1);
      at.set(n.id, { x: M + d * (W + GX), y: M + r * (H + GY) });
    }
    const width = M * 2 + (Math.max(0, ...depth.values()) + 1) * (W + GX) - GX;
    const height = M * 2 + Math.max(1, ...rows.values()) * (H + GY) - GY;
    const arrow = "graph-arrow-" + (++drawn);
    const interactive = nodes.some((n) => n.action);
    const svg = el("svg", { viewBox: `0 0 ${width} ${height}`, width, height, role: interactive ? "group" : "img", "aria-label": label || `Step graph: ${nodes.length} steps` });
    const defs = el("defs");
    const marker = el("marker", { id: arrow, viewBox: "0 0 10 10", refX: "10", refY: "5", markerWidth: "7", markerHeight: "7", orient: "auto-start-reverse" });
    marker.append(el("path", { d: "M 0 0 L 10 5 L 0 10 z", class: "arrow" }));
    defs.append(marker);
    svg.append(defs);
    for (const n of nodes) {
      for (const need of n.needs) {
        const from = at.get(need), to = at.get(n.id);
        if (!from || !to) continue;
        const x1 = from.x + W, y1 = from.y + H / 2, x2 = to.x, y2 = to.y + H / 2, mx = (x1 + x2) / 2;
        svg.append(el("path", { class: "edge", d: `M ${x1} ${y1} C ${mx} ${y1}, ${mx} ${y2}, ${x2} ${y2}`, "marker-end": `url(#${arrow})`, "data-from": need, "data-to": n.id }));
      }
    }
    for (const n of nodes) {
      const p = at.get(n.id);
      const g = el("g", { class: "node state-" + n.state, "data-step": n.id, "data-status": n.state, transform: `translate(${p.x},${p.y})` });
      if (n.action) {
        g.setAttribute("tabindex", "0");
        g.setAttribute("role", "button");
        g.setAttribute("aria-label", n.action);
      }
      g.append(el("title", {}, n.title || n.id));
      g.append(el("rect", { width: W, height: H, rx: 6 }));
      g.append(el("text", { x: 10, y: 19, class: "node-id" }, cut(n.id, 22)));
      if (n.lines && n.lines[0]) g.append(el("text", { x: 10, y: 37, class: "node-status" }, cut(n.lines[0], 26)));
      if (n.lines && n.lines[1]) g.append(el("text", { x: 10, y: 55, class: "node-iterations" }, cut(n.lines[1], 32)));
      svg.append(g);
    }
    container.replaceChildren(svg);
    return svg;
  }

  return { draw };
})();
