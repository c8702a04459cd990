// A table drawn from embedded JSON: sort by a column, search, filter, page. (bdw.present.html.data_table)
(function (TABLE_ID) {
  const root = document.getElementById(TABLE_ID);
  const spec = JSON.parse(document.getElementById(TABLE_ID + "-spec").textContent);
  const rows = JSON.parse(document.getElementById(TABLE_ID + "-data").textContent);
  const state = {sort: spec.sort, dir: spec.dir, page: 0, query: "", filters: {}};
  // a link can carry a choice: ?q=text&sort=column&dir=asc&kind=部门决算 (any filter's key)
  const params = new URLSearchParams(location.search);
  if (params.get("q")) state.query = root.querySelector("input.search").value = params.get("q");
  if (spec.columns.some(c => c.key === params.get("sort"))) state.sort = params.get("sort");
  if (params.get("dir")) state.dir = params.get("dir") === "asc" ? 1 : -1;
  root.querySelectorAll("select[data-key]").forEach(s => {
    const value = params.get(s.dataset.key);
    if (value !== null) { s.value = value; state.filters[s.dataset.key] = value; }
  });
  const body = root.querySelector("tbody"), pager = root.querySelector(".pager"), heads = root.querySelectorAll("th");
  function cell(row, column) {
    const td = document.createElement("td"), value = row[column.key];
    if (column.numeric) td.className = "num" + (column.cls ? " " + column.cls : "");
    if (column.link && row[column.link]) {
      const a = document.createElement("a");
      a.setAttribute("href", row[column.link]);
      a.textContent = value == null ? "—" : value;
      td.appendChild(a);
    } else {
      td.textContent = value == null ? "—" : (column.numeric ? value.toLocaleString("en-US") : value);
    }
    return td;
  }
  function visible() {
    const q = state.query.toLowerCase();
    let out = rows.filter(r => (!q || spec.search.some(k => String(r[k] ?? "").toLowerCase().includes(q)))
      && Object.entries(state.filters).every(([k, v]) => !v || String(r[k]) === v));
    const k = state.sort, d = state.dir;
    out.sort((a, b) => (a[k] ?? -Infinity) < (b[k] ?? -Infinity) ? -d : (a[k] ?? -Infinity) > (b[k] ?? -Infinity) ? d : 0);
    return out;
  }
  function render() {
    const out = visible(), pages = Math.max(1, Math.ceil(out.length / spec.pageSize));
    state.page = Math.min(state.page, pages - 1);
    const slice = out.slice(state.page * spec.pageSize, (state.page + 1) * spec.pageSize);
    const fragment = document.createDocumentFragment();
    for (const row of slice) {
      const tr = document.createElement("tr");
      for (const column of spec.columns) tr.appendChild(cell(row, column));
      fragment.appendChild(tr);
    }
    body.replaceChildren(fragment);
    pager.querySelector(".count").textContent = out.length.toLocaleString("en-US") + " of " +
      rows.length.toLocaleString("en-US") + " · page " + (state.page + 1) + " / " + pages;
    heads.forEach((th, i) => th.dataset.sorted = spec.columns[i].key === state.sort ? (state.dir > 0 ? "asc" : "desc") : "");
  }
  heads.forEach((th, i) => th.addEventListener("click", () => {
    const key = spec.columns[i].key;
    state.dir = state.sort === key ? -state.dir : (spec.columns[i].numeric ? -1 : 1);
    state.sort = key; render();
  }));
  root.querySelector("input.search").addEventListener("input", e => { state.query = e.target.value; state.page = 0; render(); });
  root.querySelectorAll("select[data-key]").forEach(s => s.addEventListener("change", e => {
    state.filters[e.target.dataset.key] = e.target.value; state.page = 0; render(); }));
  pager.querySelector(".prev").addEventListener("click", () => { state.page = Math.max(0, state.page - 1); render(); });
  pager.querySelector(".next").addEventListener("click", () => { state.page += 1; render(); });
  render();
  root.dataset.renderedMs = performance.now().toFixed(0);
})
