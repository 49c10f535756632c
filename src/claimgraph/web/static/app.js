// The workbench page. Every piece of report text reaches the page through textContent or a text
// node, never as markup, so a report holding <script> or onerror= shows as the text it is.
"use strict";

const QUAD_COLOURS = {"verbal cooperation": "#3c9d5d", "material cooperation": "#1f6f3f",
  "verbal conflict": "#e08a2c", "material conflict": "#c0392b", "affiliation": "#7f8c9a"};
const KIND_COLOURS = {COUNTRY: "#4e79a7", IGO: "#76b7b2", ARMED_GROUP: "#e15759", PARTY: "#b07aa1",
  ORG: "#59a14f", COMPANY: "#9c755f", PEOPLE: "#edc948", GROUP: "#f28e2b", PERSON: "#bab0ac", MEDIA: "#ff9da7",
  SOURCE: "#d3d3d3"};
const TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
  "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "AFFILIATE"];
const cg = window.cg = {network: null, nodes: 0, edges: 0, renderedAt: null};

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (v !== null && v !== undefined) node.setAttribute(k, v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

async function api(path, options = {}) {
  const response = await fetch("/api" + path, options);
  const body = await response.json();
  if (!response.ok) throw new Error(body.error ? body.error.detail : response.statusText);
  return body;
}

// What this workbench allows, and the token a write must carry (only this page can read it).
let settings = null;
async function workbenchSettings() { return settings ??= await api("/settings"); }

// A long list a page at a time: the first page now, each next one when "more" is clicked.
// Gives the table (rows appended to it), a count line and the button.
function paged(path, params, header, row) {
  const table = el("table", {}, el("tr", {}, header.map(h => el("th", {}, h))));
  const count = el("p", {class: "muted count"});
  const more = el("button", {class: "more", type: "button", hidden: ""}, "more");
  let cursor = null, shown = 0;
  const next = async () => {
    const page = await api(path + "?" + new URLSearchParams({...params, limit: 200, ...(cursor ? {cursor} : {})}));
    table.append(...page.items.map(row));
    shown += page.items.length; cursor = page.next; more.hidden = !cursor;
    count.textContent = `${shown} of ${page.total}`;
  };
  more.addEventListener("click", next);
  return {table, count, more, ready: next()};
}

function link(text, hash) { return el("a", {href: "#" + hash}, text); }
function docLink(c) { return link(c.title || c.doc, "/document/" + encodeURIComponent(c.doc_id || c.doc)); }
const main = () => document.getElementById("main");

function show(...nodes) { main().replaceChildren(...nodes.flat(Infinity).filter(n => n !== null && n !== undefined)); }
function panel(...nodes) {
  const p = document.getElementById("panel");
  p.replaceChildren(el("button", {class: "close", title: "Close", onclick: closePanel}, "×"),
    ...nodes.flat(Infinity).filter(n => n !== null && n !== undefined));
  p.hidden = false;
  document.body.classList.add("with-panel");
}
function closePanel() { document.getElementById("panel").hidden = true; document.body.classList.remove("with-panel"); }

// Text with highlighted stretches: marks are {start, end, what} offsets into the text.
function highlighted(text, marks, onclick) {
  const bounds = new Set([0, text.length]);
  for (const m of marks) { bounds.add(Math.max(0, m.start)); bounds.add(Math.min(text.length, m.end)); }
  const cuts = [...bounds].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i < cuts.length - 1; i++) {
    const [a, b] = [cuts[i], cuts[i + 1]];
    const covering = marks.filter(m => m.start <= a && m.end >= b);
    let node = document.createTextNode(text.slice(a, b));
    for (const m of covering.sort((x, y) => (y.end - y.start) - (x.end - x.start))) {
      const mark = el("mark", {class: m.what, title: m.actor || m.title || null}, node);
      if (m.what === "claimed" && onclick) mark.addEventListener("click", () => onclick(m));
      node = mark;
    }
    out.push(node);
  }
  return el("span", {class: "paragraph"}, out);
}

function claimCard(c) {
  const who = c.speaker ? `according to ${c.speaker}` : "in the report's own voice";
  return el("div", {class: "claim"},
    el("div", {class: "meta"}, `${c.source} ${c.negated ? "not " : ""}${c.type} ${c.target} — ${who}`,
      c.hedged ? " (hedged)" : "", " · ", c.outlet || "unknown outlet", " · report ", c.report_date || "undated",
      c.event_date ? ` · event ${c.event_date}` : "", " · ", docLink(c)),
    c.paragraph !== undefined ? highlighted(c.paragraph, c.marks) : el("span", {class: "paragraph"}, c.evidence));
}

// ---- network ----------------------------------------------------------------------------------

function filterForm(values, onchange) {
  const input = (name, attrs) => el("label", {}, name.replace("_", " "),
    el("input", {name, value: values[name] ?? "", ...attrs}));
  const type = el("select", {name: "type"}, el("option", {value: ""}, "all types"),
    TYPES.map(t => el("option", {value: t, ...(values.type === t ? {selected: ""} : {})}, t)));
  const outlet = el("select", {name: "outlet"}, el("option", {value: ""}, "all outlets"));
  api("/outlets").then(rows => rows.filter(r => r.outlet).forEach(r => outlet.append(
    el("option", {value: r.outlet, ...(values.outlet === r.outlet ? {selected: ""} : {})}, r.outlet))));
  const form = el("form", {class: "filters"}, el("label", {}, "type", type), el("label", {}, "outlet", outlet),
    input("since", {placeholder: "YYYY-MM-DD", size: 10}), input("until", {placeholder: "YYYY-MM-DD", size: 10}),
    input("min_sources", {type: "number", min: 0, style: "width:5em"}),
    input("limit", {type: "number", min: 1, style: "width:6em"}));
  form.addEventListener("change", () => onchange(Object.fromEntries(new FormData(form))));
  form.addEventListener("submit", e => e.preventDefault());
  return form;
}

async function networkPage(params) {
  const values = {limit: 300, min_sources: 0, ...params};
  const status = el("div", {class: "legend", id: "status"}, "loading…");
  const box = el("div", {id: "network"});
  const legend = el("div", {class: "legend"}, Object.entries(QUAD_COLOURS).map(([q, c]) =>
    el("span", {style: `--c:${c}`}, q)), el("span", {style: "--c:repeating-linear-gradient(90deg,#555 0 4px,transparent 4px 8px)"}, "contested (dashed)"));
  show(filterForm(values, v => { location.hash = "/network?" + new URLSearchParams(v); }), legend, status, box);
  const query = new URLSearchParams(Object.entries(values).filter(([, v]) => v !== "" && v !== null));
  const data = await api("/graph?" + query);
  status.textContent = `${data.nodes.length} actors, ${data.shown} of ${data.total_relations} relations (strongest first)`;
  const maxDegree = Math.max(1, ...data.nodes.map(n => n.degree));
  const nodes = new vis.DataSet(data.nodes.map(n => ({id: n.id, label: n.name, value: n.degree,
    title: el("div", {}, `${n.name} (${n.kind}), tied to ${n.degree}`), shape: "dot",
    color: KIND_COLOURS[n.kind] || "#999", font: {size: 12 + 8 * n.degree / maxDegree}})));
  const parallel = {};  // several relations between one pair: bend each differently so all show
  const bend = e => { const k = [e.source, e.target].sort().join(); parallel[k] = (parallel[k] || 0) + 1;
    return {enabled: true, type: parallel[k] % 2 ? "curvedCW" : "curvedCCW", roundness: 0.12 * Math.ceil(parallel[k] / 2)}; };
  const edges = new vis.DataSet(data.edges.map(e => ({id: e.id, from: e.source, to: e.target, arrows: "to", smooth: bend(e),
    color: {color: QUAD_COLOURS[e.quad] || "#999", highlight: "#000"}, dashes: e.contested || e.negated,
    width: 1 + Math.min(e.origins, 6), title: el("div", {}, `${e.label}: ${e.docs} reports, ${e.origins} independent origin(s)`)})));
  cg.nodes = data.nodes.length; cg.edges = data.edges.length;
  const started = performance.now();
  const network = cg.network = new vis.Network(box, {nodes, edges}, {
    interaction: {hover: true, tooltipDelay: 120, navigationButtons: false},
    physics: {solver: "forceAtlas2Based", stabilization: {iterations: 150, updateInterval: 50}},
    nodes: {scaling: {min: 8, max: 40}}});
  network.once("afterDrawing", () => { cg.renderedAt = performance.now() - started; });
  network.on("click", p => {
    if (p.nodes.length) actorPanel(data.nodes.find(n => n.id === p.nodes[0]).name);
    else if (p.edges.length) edgePanel(p.edges[0]);
  });
}

async function edgePanel(relId) {
  const data = await api(`/relations/${encodeURIComponent(relId)}/evidence`);
  const r = data.relation;
  panel(el("h3", {id: "edge-title"}, `${r.source} ${r.negated ? "not " : ""}${r.type} ${r.target}`),
    el("p", {class: "muted"}, `${r.claims} claim(s) in ${r.docs} report(s), ${r.outlets} outlet(s), `,
      `${r.origins} independent origin(s): ${r.origin_names.join(", ")}`, r.contested ? " · contested" : ""),
    el("div", {id: "evidence"}, data.claims.map(claimCard)));
}

async function actorPanel(name) {
  const a = await api("/actors/" + encodeURIComponent(name));
  const rows = [...Object.values(a.out).flat(), ...Object.values(a.in).flat()];
  panel(el("h3", {}, a.name, " ", el("span", {class: "tag"}, a.kind)),
    el("p", {class: "muted"}, "Also written: ", a.names.map(n => n.name).join(", ")),
    el("table", {}, el("tr", {}, el("th", {}, "relation"), el("th", {}, "reports"), el("th", {}, "origins")),
      rows.map(r => el("tr", {}, el("td", {}, el("a", {href: "#", onclick: e => { e.preventDefault(); edgePanel(r.id); }},
        `${r.source} ${r.negated ? "not " : ""}${r.type} ${r.target}`)), el("td", {}, r.docs), el("td", {}, r.origins)))),
    el("h4", {}, "Why these names are one actor"),
    el("ul", {}, a.merged.map(m => el("li", {}, `${m.name}: ${m.rule} — ${m.detail}`))),
    el("p", {}, link("Timeline of " + a.name, "/timeline?actor=" + encodeURIComponent(a.name))));
}

// ---- other pages -------------------------------------------------------------------------------

async function contradictionsPage() {
  const found = await api("/contradictions");
  show(el("h2", {}, "Contradictions"), found.length ? null : el("p", {}, "None in the store."),
    found.map(c => el("section", {class: "contradiction"}, el("h3", {}, c.topic, " ", el("span", {class: "tag"}, c.kind)),
      el("div", {class: "sides"}, c.sides.map(s => el("div", {class: "side " + s.stance.split(" ")[0]},
        el("h4", {}, s.stance), s.claims.map(claimCard)))))));
}

async function timelinePage(params) {
  const list = paged("/timeline", {undated: "true", ...params},
    ["event date", "report date", "claim", "speaker", "outlet", "sentence"],
    r => el("tr", {}, el("td", {}, r.event_date || "—"), el("td", {}, r.report_date || ""),
      el("td", {}, `${r.source} ${r.negated ? "not " : ""}${r.type} ${r.target}`), el("td", {}, r.speaker || ""),
      el("td", {}, r.outlet || ""), el("td", {}, r.evidence, " ", docLink(r))));
  await list.ready;
  show(el("h2", {}, "Timeline", params.actor ? ` of ${params.actor}` : ""), list.count, list.table, list.more);
}

async function outletsPage(params) {
  const [outlets, main] = await Promise.all([api("/outlets"), api("/graph?limit=8")]);
  const stances = await Promise.all(main.edges.map(e => api("/outlets?" + new URLSearchParams(
    {source: nameOf(main, e.source), target: nameOf(main, e.target), type: e.type}))));
  const names = outlets.map(o => o.outlet || "(unknown outlet)");
  show(el("h2", {}, "Outlets"),
    el("table", {}, el("tr", {}, ["outlet", "reports", "claims", "denials", "hedged", "first", "last"].map(h => el("th", {}, h))),
      outlets.map(o => el("tr", {}, [o.outlet || "(unknown outlet)", o.documents, o.claims, o.denials, o.hedged,
        o.first_report || "", o.last_report || ""].map(v => el("td", {}, v))))),
    el("h3", {}, "Stance on the main relations"),
    el("table", {}, el("tr", {}, el("th", {}, "relation"), names.map(n => el("th", {}, n))),
      main.edges.map((e, i) => el("tr", {}, el("td", {}, link(e.label, "/edge/" + e.id)),
        names.map(n => el("td", {}, (stances[i].find(s => s.outlet === n) || {}).stance || ""))))));
}
const nameOf = (g, id) => g.nodes.find(n => n.id === id).name;

async function documentsPage() {
  const cfg = await workbenchSettings();
  const box = el("div", {id: "document-list"});
  const load = async () => {
    const list = paged("/documents", {}, ["title", "outlet", "date", "claims"],
      d => el("tr", {}, el("td", {}, link(d.title || d.name, "/document/" + encodeURIComponent(d.id))),
        el("td", {}, d.outlet || ""), el("td", {}, d.date || ""), el("td", {}, d.claims)));
    await list.ready;
    box.replaceChildren(list.count, list.table, list.more);
  };
  await load();
  show(el("h2", {}, "Documents"), cfg.allow_upload ? uploadForm(cfg, load) : null, box);
}

// Adding reports: the files go with the session's token; each file's outcome is listed after.
function uploadForm(cfg, uploaded) {
  const outcomes = el("ul", {id: "upload-outcomes"});
  const form = el("form", {id: "upload", class: "upload"},
    el("label", {}, "Add reports ", el("input", {type: "file", name: "files", multiple: "",
      accept: ".txt,.md,.text,.markdown,.html,.htm,.xhtml,.json,.jsonl,.ndjson"})),
    el("button", {type: "submit"}, "Upload"),
    el("span", {class: "muted"}, ` at most ${cfg.max_upload_files} files of ${cfg.max_upload_bytes.toLocaleString()} bytes`),
    outcomes);
  form.addEventListener("submit", async e => {
    e.preventDefault();
    outcomes.replaceChildren(el("li", {}, "reading and storing…"));
    try {
      const done = await api("/documents", {method: "POST", body: new FormData(form),
        headers: {"X-Claimgraph-Token": cfg.token}});
      outcomes.replaceChildren(...done.outcomes.map(o => el("li", {class: o.kind}, o.message)));
      await uploaded();
    } catch (err) {
      outcomes.replaceChildren(el("li", {class: "failed"}, "Not stored: ", err.message));
    }
  });
  return form;
}

async function documentPage(ident) {
  const d = await api("/documents/" + encodeURIComponent(ident));
  const marks = d.claims.map((c, i) => ({start: c.ev_start, end: c.ev_end, what: "claimed", index: i,
    title: `${c.source} ${c.negated ? "not " : ""}${c.type} ${c.target}`}));
  const items = d.claims.map((c, i) => el("li", {id: "claim-" + i},
    `${c.source} ${c.negated ? "not " : ""}${c.type} ${c.target}`, c.speaker ? ` — according to ${c.speaker}` : ""));
  show(el("h2", {}, d.title || d.name), el("p", {class: "muted"}, [d.author, d.outlet, d.date].filter(Boolean).join(" · ")),
    el("div", {class: "doc"}, el("div", {class: "text", id: "doc-text"},
      highlighted(d.text, marks, m => document.getElementById("claim-" + m.index).scrollIntoView())),
      el("div", {}, el("h3", {}, `${d.claims.length} claims`), el("ol", {id: "claims"}, items))));
}

async function searchPage(params) {
  const found = await api("/search?" + new URLSearchParams({q: params.q || ""}));
  show(el("h2", {}, "Search: ", params.q || ""), el("h3", {}, "Actors"),
    el("ul", {}, found.actors.map(a => el("li", {}, el("a", {href: "#", onclick: e => { e.preventDefault(); actorPanel(a.name); }}, a.name),
      ` (${a.kind}, tied to ${a.degree})`))),
    el("h3", {}, "Reports"), el("ul", {}, found.documents.map(d => el("li", {}, docLink({...d, doc_id: d.id}), " — …", d.snippet, "…"))));
}

async function route() {
  const [path, q] = (location.hash.slice(1) || "/network").split("?");
  const params = Object.fromEntries(new URLSearchParams(q || ""));
  const [, page, arg] = path.split("/");
  try {
    if (page === "network") await networkPage(params);
    else if (page === "contradictions") await contradictionsPage();
    else if (page === "timeline") await timelinePage(params);
    else if (page === "outlets") await outletsPage(params);
    else if (page === "documents") await documentsPage();
    else if (page === "document") await documentPage(decodeURIComponent(arg));
    else if (page === "edge") { await networkPage({}); await edgePanel(decodeURIComponent(arg)); }
    else if (page === "search") await searchPage(params);
    else show(el("p", {}, "No such page."));
  } catch (err) {
    show(el("p", {class: "error"}, "Error: ", err.message));
  }
}

document.getElementById("search").addEventListener("submit", e => {
  e.preventDefault();
  location.hash = "/search?" + new URLSearchParams({q: new FormData(e.target).get("q")});
});
window.addEventListener("hashchange", route);
route();
