// scr-search web page: plain JavaScript over the /api/v1 endpoints. The URL's hash holds the
// state (query, facet filters, page, report, trends), so every view has a link of its own.
"use strict";

const $ = (id) => document.getElementById(id);
const esc = (s) => String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
const FACETS = ["theme", "year", "region", "board", "outcome", "age", "review_type", "type"];
const FILTER_OF = { theme: "theme", region: "region", board: "board", outcome: "outcome", age: "age", review_type: "review", type: "type", year: "year" };
const PER_PAGE = 10;

// Labels for the ids the API speaks (themes, theme groups, agencies): /api/v1/vocabulary, read once.
// Ids stay in URLs, filters and the API; people read the labels.
let VOCAB = { themes: {}, theme_groups: {}, agencies: {} };
const VOCAB_OF = { theme: "themes", "theme-group": "theme_groups", agency: "agencies", "agency-group": "agencies" };
const labelOf = (kind, id) => (VOCAB[VOCAB_OF[kind]] || {})[id] || id;
async function loadVocabulary() {
  try { VOCAB = await api("/api/v1/vocabulary"); } catch (e) { /* ids are shown instead */ }
}

function readHash() {
  const p = new URLSearchParams(location.hash.slice(1));
  return { q: p.get("q") || "", filters: p.getAll("f"), page: Number(p.get("page") || 1), report: p.get("report"),
           view: p.get("view") || "", columns: p.get("columns") || "theme", per: p.get("per") || "", tq: p.get("tq") || "" };
}
function writeHash(state) {
  const p = new URLSearchParams();
  if (state.view) p.set("view", state.view);
  if (state.q) p.set("q", state.q);
  for (const f of state.filters || []) p.append("f", f);
  if (state.page > 1) p.set("page", state.page);
  if (state.report) p.set("report", state.report);
  if (state.view === "trends") { p.set("columns", state.columns); if (state.per) p.set("per", state.per); if (state.tq) p.set("tq", state.tq); }
  location.hash = p.toString();
}

async function api(path, params) {
  const url = path + (params ? "?" + params.toString() : "");
  const r = await fetch(url);
  const body = r.headers.get("Content-Type")?.includes("json") ? await r.json() : await r.text();
  if (!r.ok) throw new Error(body?.error?.message || ("HTTP " + r.status));
  return body;
}

function show(view) {
  $("search-view").hidden = view !== "search";
  $("report-view").hidden = view !== "report";
  $("trends-view").hidden = view !== "trends";
  $("nav-search").toggleAttribute("aria-current", view !== "trends");
  $("nav-trends").toggleAttribute("aria-current", view === "trends");
}

// ---- search ------------------------------------------------------------------------------
async function runSearch(state) {
  show("search");
  $("q").value = state.q;
  const params = new URLSearchParams({ q: state.q, limit: PER_PAGE, offset: (state.page - 1) * PER_PAGE, facets: FACETS.join(",") });
  for (const f of state.filters) {
    const [name, value] = [f.slice(0, f.indexOf(":")), f.slice(f.indexOf(":") + 1)];
    params.append(FILTER_OF[name] || name, name === "year" ? value + ".." + value : value);
  }
  let r;
  try { r = await api("/api/v1/search", params); } catch (e) {
    $("summary").innerHTML = `<span class="error">${esc(e.message)}</span>`; $("results").innerHTML = ""; $("facets").innerHTML = ""; return null;
  }
  const total = r.total.relation === "eq" ? r.total.value : "about " + r.total.value;
  let summary = `${total} report${r.total.value === 1 ? "" : "s"} (${r.took_ms.toFixed(0)} ms)`;
  if (r.suggestion) summary += ` — did you mean <a href="#q=${encodeURIComponent(r.suggestion)}">${esc(r.suggestion)}</a>?`;
  for (const n of r.notes) summary += `<br><small>${esc(n)}</small>`;
  $("summary").innerHTML = summary;
  $("results").start = (state.page - 1) * PER_PAGE + 1;
  $("results").innerHTML = r.hits.map((h) => `
    <li class="hit">
      <a class="hit-title" href="#report=${encodeURIComponent(h.id)}">${esc(h.title)}</a>
      <div class="meta">${esc(h.board || "board unknown")}${h.year ? ", " + h.year : ""}${h.review_type ? " · " + esc(h.review_type.toUpperCase()) : ""}${h.pages ? " · " + h.pages + " pages" : ""}</div>
      <div class="themes">${h.themes.map((t) => `<span title="${esc(t)}">${esc(labelOf("theme", t))}</span>`).join("")}</div>
      ${h.snippets.map((s) => `<p class="snippet">${s.label ? `<strong>${esc(s.label)}</strong> ` : ""}${s.html} <a href="/api/v1/reports/${encodeURIComponent(h.id)}/pdf#page=${s.page}">p. ${s.page}</a></p>`).join("")}
    </li>`).join("");
  renderFacets(r.facets, state);
  const pages = Math.ceil(r.total.value / PER_PAGE);
  $("pager").innerHTML = pages > 1 ? [state.page > 1 ? `<a href="#" data-page="${state.page - 1}">Previous</a>` : "",
    `page ${state.page} of ${pages}`, state.page < pages ? `<a href="#" data-page="${state.page + 1}">Next</a>` : ""].join(" ") : "";
  for (const a of $("pager").querySelectorAll("a")) a.onclick = (e) => { e.preventDefault(); writeHash({ ...state, page: Number(a.dataset.page) }); };
  return r;
}

function renderFacets(facets, state) {
  const html = [];
  for (const name of FACETS) {
    const values = (facets[name] || []).slice(0, 12);
    if (!values.length) continue;
    html.push(`<h2>${esc(name.replace("_", " "))}</h2><ul>` + values.map((v) => {
      const key = name + ":" + v.value, on = state.filters.includes(key);
      return `<li><button type="button" class="facet" data-facet="${esc(key)}" aria-pressed="${on}"><span>${esc(labelOf(name, v.value))}</span><span>${v.count}</span></button></li>`;
    }).join("") + "</ul>");
  }
  $("facets").innerHTML = html.join("");
  for (const b of $("facets").querySelectorAll("button.facet")) {
    b.onclick = () => {
      const key = b.dataset.facet;
      const filters = state.filters.includes(key) ? state.filters.filter((f) => f !== key) : [...state.filters, key];
      writeHash({ ...state, filters, page: 1 });
    };
  }
}

// ---- report ------------------------------------------------------------------------------
function cancelledList(t) {
  const c = t.cancelled_evidence || [];
  if (!c.length) return "";
  return `<details><summary>${t.cancelled} mention${t.cancelled === 1 ? "" : "s"} not counted</summary><ul>` +
    c.map((e) => `<li>p. ${e.page} (${esc(e.reason)}): ${esc(e.sentence)}</li>`).join("") + "</ul></details>";
}

async function showReport(id) {
  show("report");
  const v = $("report-view");
  let r;
  try { r = await api("/api/v1/reports/" + encodeURIComponent(id)); } catch (e) { v.innerHTML = `<p class="error">${esc(e.message)}</p>`; return null; }
  const meta = r.meta || {};
  const rows = Object.entries(meta).map(([k, f]) => `<dt>${esc(k.replace(/_/g, " "))}</dt><dd>${esc(Array.isArray(f) ? f.join(", ") : f.value)} <span class="source">(${esc(f.source || "")})</span></dd>`);
  const themes = (r.themes || []).filter((t) => t.present).map((t) => `<li><strong title="${esc(t.id)}">${esc(labelOf("theme", t.id))}</strong> (${t.mentions} mention${t.mentions === 1 ? "" : "s"})<ul>` +
    t.evidence.map((e) => `<li>p. ${e.page}: ${esc(e.sentence)}</li>`).join("") + "</ul>" + cancelledList(t) + "</li>").join("");
  // Themes mentioned but not counted: the reasons, so that a reader can audit the tag.
  const notCounted = (r.themes || []).filter((t) => !t.present && (t.cancelled_evidence || []).length)
    .map((t) => `<li><strong title="${esc(t.id)}">${esc(labelOf("theme", t.id))}</strong> (not counted)${cancelledList(t)}</li>`).join("");
  const recs = (r.recommendations || []).map((x) => `<li><strong>${esc(x.label)}</strong> ${esc(x.text)}
    <div class="meta">${esc(x.kind)}${x.agencies.length ? " · to " + esc(x.agencies.join(", ")) : " · no addressee found"} · ${esc(x.clarity)}${x.implementation ? " · " + esc(x.implementation) : ""}</div></li>`).join("");
  v.innerHTML = `<p><a href="#" id="back">Back to results</a></p>
    <h2 id="report-title">${esc(meta.title?.value || id)}</h2>
    <p>${r.files?.length ? `<a href="/api/v1/reports/${encodeURIComponent(id)}/pdf">Open the PDF</a> · ` : ""}status ${esc(r.status)} · ${r.pages || 0} pages
      · <a href="#" id="similar-link">similar reports</a></p>
    <h3>Metadata</h3><dl>${rows.join("")}</dl>
    <h3>Themes</h3><ul id="report-themes">${themes || "<li>none found</li>"}</ul>${notCounted ? `<h3>Mentioned, not counted</h3><ul id="report-not-counted">${notCounted}</ul>` : ""}
    <h3>Recommendations and findings</h3><ol id="report-recs">${recs || "<li>none found</li>"}</ol>`;
  $("back").onclick = (e) => { e.preventDefault(); history.back(); };
  $("similar-link").onclick = async (e) => {
    e.preventDefault();
    const s = await api("/api/v1/reports/" + encodeURIComponent(id) + "/similar", new URLSearchParams({ limit: 5 }));
    $("similar-link").outerHTML = "similar: " + s.hits.map((h) => `<a href="#report=${encodeURIComponent(h.id)}">${esc(h.title)}</a>`).join(", ");
  };
  return r;
}

// ---- trends ------------------------------------------------------------------------------
let lastTable = null;
async function showTrends(state) {
  show("trends");
  $("t-columns").value = state.columns; $("t-per").value = state.per; $("t-q").value = state.tq;
  const unit = ["agency", "clarity", "implementation"].includes(state.columns) ? "recommendations" : "reports";
  const params = new URLSearchParams({ columns: state.columns, unit, q: state.tq });
  if (state.per) params.set("per", state.per);
  let t;
  try { t = await api("/api/v1/trends", params); } catch (e) { $("trend-table").innerHTML = `<caption class="error">${esc(e.message)}</caption>`; return null; }
  lastTable = t;
  params.set("format", "csv");
  $("t-csv").href = "/api/v1/trends?" + params.toString();
  const chosen = $("t-value").value;
  $("t-value").innerHTML = t.columns.map((c) => `<option value="${esc(c)}">${esc(labelOf(t.dimension, c))}</option>`).join("");
  const best = t.columns.map((c, i) => [c, t.rows.reduce((s, r) => s + (r.cells[i].count || 0), 0)]).sort((a, b) => b[1] - a[1])[0];
  $("t-value").value = t.columns.includes(chosen) ? chosen : (best ? best[0] : "");
  drawTable(t);
  drawChart(t, $("t-value").value);
  return t;
}

function drawTable(t) {
  const head = `<tr><th scope="col">${esc(t.dimension)}</th>${t.rows.map((r) => `<th scope="col">${esc(r.period)}</th>`).join("")}</tr>`;
  const total = `<tr><th scope="row">total</th>${t.rows.map((r) => `<td>${r.total}</td>`).join("")}</tr>`;
  const body = t.columns.map((c, i) => `<tr><th scope="row" title="${esc(c)}">${esc(labelOf(t.dimension, c))}</th>${t.rows.map((r) => {
    const cell = r.cells[i];
    return cell.suppressed ? "<td>suppressed</td>" : `<td>${cell.count} <small>(${(100 * cell.prevalence).toFixed(1)}%)</small></td>`;
  }).join("")}</tr>`).join("");
  $("trend-table").innerHTML = `<caption>${esc(t.unit)} per period</caption><thead>${head}</thead><tbody>${total}${body}</tbody>`;
}

// A line of the prevalence of one column over the periods, on a 0..max% axis.
function drawChart(t, column) {
  const svg = $("chart"), W = 640, H = 260, L = 48, R = 12, T = 14, B = 40;
  const i = t.columns.indexOf(column);
  // A period with no report at all has no prevalence: a gap, not 0%.
  const values = t.rows.map((r) => (i >= 0 && r.total > 0 && !r.cells[i].suppressed ? 100 * r.cells[i].prevalence : null));
  const max = Math.max(10, ...values.filter((v) => v !== null));
  const x = (k) => L + (t.rows.length <= 1 ? (W - L - R) / 2 : (k * (W - L - R)) / (t.rows.length - 1));
  const y = (v) => T + (H - T - B) * (1 - v / max);
  const parts = [`<line x1="${L}" y1="${y(0)}" x2="${W - R}" y2="${y(0)}" stroke="#999"/>`, `<line x1="${L}" y1="${T}" x2="${L}" y2="${y(0)}" stroke="#999"/>`];
  for (const tick of [0, max / 2, max]) parts.push(`<text x="${L - 6}" y="${y(tick) + 4}" font-size="11" text-anchor="end">${tick.toFixed(0)}%</text>`);
  const step = Math.max(1, Math.ceil(t.rows.length / 10));
  t.rows.forEach((r, k) => { if (k % step === 0) parts.push(`<text x="${x(k)}" y="${H - B + 16}" font-size="11" text-anchor="middle">${esc(r.period)}</text>`); });
  // One polyline per run of periods with a value; the test counts every plotted point.
  let run = [], all = [];
  const flush = () => { if (run.length) parts.push(`<polyline class="chart-line" fill="none" stroke="#0b5cad" stroke-width="2.5" points="${run.join(" ")}"/>`); run = []; };
  values.forEach((v, k) => { if (v === null) { flush(); return; } const p = `${x(k).toFixed(1)},${y(v).toFixed(1)}`; run.push(p); all.push(p); });
  flush();
  svg.dataset.points = all.length;
  // Each point says its count as well as its share: a share of 3 reports is not a trend.
  const labelEvery = Math.max(1, Math.ceil(t.rows.length / 12));
  values.forEach((v, k) => {
    if (v === null) return;
    const n = t.rows[k].cells[i].count, of = t.rows[k].total;
    parts.push(`<circle cx="${x(k)}" cy="${y(v)}" r="3.5" fill="#0b5cad"><title>${esc(t.rows[k].period)}: ${n} of ${of} ${esc(t.unit)} (${v.toFixed(1)}%)</title></circle>`);
    if (k % labelEvery === 0) parts.push(`<text class="chart-count" x="${x(k)}" y="${y(v) - 8}" font-size="10" text-anchor="middle">${n}</text>`);
  });
  svg.innerHTML = parts.join("");
  $("chart-title").textContent = `${labelOf(t.dimension, column)}: share of ${t.unit} per period (numbers: count)`;
}

// ---- routing -------------------------------------------------------------------------------
async function route() {
  const state = readHash();
  const result = state.report ? await showReport(state.report) : state.view === "trends" ? await showTrends(state) : await runSearch(state);
  // Said when a view has been drawn: the self-test waits for it, as a person waits for the page.
  document.dispatchEvent(new CustomEvent("routed", { detail: result }));
  return result;
}

$("search-form").onsubmit = (e) => { e.preventDefault(); writeHash({ q: $("q").value.trim(), filters: readHash().filters, page: 1 }); };
$("trends-form").onsubmit = (e) => { e.preventDefault(); writeHash({ view: "trends", columns: $("t-columns").value, per: $("t-per").value.trim(), tq: $("t-q").value.trim() }); };
$("t-value").onchange = () => lastTable && drawChart(lastTable, $("t-value").value);
$("nav-search").onclick = (e) => { e.preventDefault(); writeHash({ q: readHash().q, filters: [] }); };
window.addEventListener("hashchange", () => route());

// ---- self-test (#selftest): the end-to-end test drives the page through its own controls and
// records what it saw; headless Chromium dumps the DOM with the log in it. -------------------
// Does what a person does (types, submits, clicks) and waits for the view it leads to: the
// page's own handlers and hash routing run, nothing is called behind their back.
function act(what) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no view was drawn after: " + what.toString().slice(0, 80))), 10000);
    document.addEventListener("routed", (e) => { clearTimeout(timer); resolve(e.detail); }, { once: true });
    what();
  });
}
function typeInto(input, text) {
  input.focus();
  input.value = text;
  input.dispatchEvent(new Event("input", { bubbles: true }));
}
async function selfTest() {
  const log = [];
  const check = (name, ok, detail) => log.push(`${ok ? "PASS" : "FAIL"} ${name}${detail ? ": " + detail : ""}`);
  try {
    const r = await act(() => { typeInto($("q"), "neglect"); $("search-form").requestSubmit(); });
    check("search", r && r.hits.length > 0 && document.querySelectorAll("#results li").length > 0 && readHash().q === "neglect",
          `${r ? r.total.value : 0} hits`);
    const facet = document.querySelector('#facets button.facet[data-facet^="region:"]');
    check("facet shown", !!facet);
    if (facet) {
      const r2 = await act(() => facet.click());
      const s = readHash();
      const pressed = document.querySelector(`#facets button.facet[data-facet="${CSS.escape(s.filters[0] || "")}"]`);
      check("facet click", s.filters.length === 1 && r2 && r2.total.value <= r.total.value && pressed?.getAttribute("aria-pressed") === "true",
            `${s.filters[0]} -> ${r2 ? r2.total.value : "error"}`);
    }
    const themeFacet = document.querySelector('#facets button.facet[data-facet^="theme:"]');
    const themeId = themeFacet ? themeFacet.dataset.facet.slice("theme:".length) : "";
    check("theme labels", themeFacet && VOCAB.themes[themeId] && themeFacet.firstElementChild.textContent === VOCAB.themes[themeId],
          themeFacet ? `${themeId} -> ${themeFacet.firstElementChild.textContent}` : "no theme facet");
    const rr = await act(() => { typeInto($("q"), "what was recommended to the police"); $("search-form").requestSubmit(); });
    const labelled = document.querySelectorAll("#results p.snippet strong").length;
    check("recommendation snippets", rr && rr.interpreted_as.kind === "recommendations" && labelled > 0,
          `${rr ? rr.total.value : 0} reports, ${labelled} labelled snippets`);
    const first = document.querySelector("#results a.hit-title");
    if (first) {
      const id = decodeURIComponent(first.getAttribute("href").split("=")[1]);
      const rep = await act(() => first.click());
      check("report view", rep && readHash().report === id && $("report-title").textContent.length > 0 &&
            document.querySelectorAll("#report-view dd").length > 3, id);
    } else check("report view", false, "no result to open");
    await act(() => $("nav-trends").click());
    const t = await act(() => { $("t-columns").value = "theme"; $("trends-form").requestSubmit(); });
    const plotted = Number($("chart").dataset.points || 0);
    const withReports = t ? t.rows.filter((r) => r.total > 0).length : -1;
    check("trend chart", t && t.dimension === "theme" && plotted > 0 && plotted === withReports && document.querySelectorAll("#chart polyline").length > 0 &&
          document.querySelectorAll("#trend-table tbody tr").length === t.columns.length + 1, `${t ? t.rows.length : 0} periods`);
    check("chart counts", document.querySelectorAll("#chart text.chart-count").length > 0 &&
          [...$("t-value").options].every((o) => !t.dimension.startsWith("theme") || o.textContent !== o.value || !VOCAB.themes[o.value]),
          `${document.querySelectorAll("#chart text.chart-count").length} counts`);
  } catch (e) { check("no exception", false, e.message); }
  $("selftest").hidden = false;
  $("selftest").textContent = "SELFTEST\n" + log.join("\n") + "\nEND";
}

loadVocabulary().then(() => { if (location.hash === "#selftest") selfTest(); else route(); });
