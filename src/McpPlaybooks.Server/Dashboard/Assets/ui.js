// Small helpers shared by every page (loaded before its script): building elements, the one way figures are written
// (percentages, durations, local times), and what the "live" line says when the live feed fails.
"use strict";
window.McpUi = (function () {
  // An HTML element with attributes and children (strings or nodes; null and undefined are left out).
  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attributes || {})) node.setAttribute(k, v);
    node.append(...children.filter((c) => c !== null && c !== undefined));
    return node;
  }
  // 0.6667 → "67%"; no rate → "—".
  const percent = (rate) => (rate === null || rate === undefined ? "—" : Math.round(rate * 100) + "%");
  function duration(ms) {
    if (ms === null || ms === undefined) return "—";
    if (ms < 1000) return Math.round(ms) + " ms";
    if (ms < 60000) return (ms / 1000).toFixed(1) + " s";
    return Math.floor(ms / 60000) + " min " + Math.round((ms % 60000) / 1000) + " s";
  }
  function time(text) {
    if (!text) return "";
    const d = new Date(text);
    const pad = (n) => String(n).padStart(2, "0");
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  }
  const playbookHref = (id, version) => `/ui/playbooks/${encodeURIComponent(id)}` + (version ? `?version=${encodeURIComponent(version)}` : "");
  // The live line while the feed fails: "Reconnecting…" while the browser retries (the server restarts, the network
  // drops); once the server refused the feed (the session ended: logged out or idle too long; or too many feeds), the
  // browser stops retrying for good, and the line says so and what to do, rather than "Reconnecting…" forever.
  function feedTrouble(events, live) {
    events.addEventListener("error", () => {
      live.className = "live off";
      live.textContent = events.readyState === EventSource.CLOSED
        ? "Live updates stopped: the server refused this page's feed (your session ended, or too many pages are open). Reload the page, and log in again if it asks."
        : "Reconnecting…";
    });
  }
  return { el, percent, duration, time, playbookHref, feedTrouble };
})();
