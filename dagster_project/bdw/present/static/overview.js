// The overview's charts, drawn from the embedded data for the department and year chosen. (bdw.present.overview)
(function () {
  const data = JSON.parse(document.getElementById("overview-data").textContent);
  const SVG = "http://www.w3.org/2000/svg";
  const COLOURS = ["#3182ce", "#dd6b20", "#38a169", "#805ad5"];
  const LABEL = 230, BAR = 460, TEXT = 220, HEIGHT = 16, GAP = 10;
  const wan = yuan => (yuan / 10000).toLocaleString("en-US", {minimumFractionDigits: 2, maximumFractionDigits: 2}) + " 万元";
  const pct = (part, whole, digits = 1) => (100 * part / whole).toFixed(digits) + "%";

  function node(name, attributes, text) {
    const element = document.createElementNS(SVG, name);
    for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
    if (text !== undefined) element.textContent = text;
    return element;
  }

  // Horizontal bars: groups of [label, [[value or null, text], …]], one bar per series.
  function bars(groups, series, title, maximum) {
    const values = groups.flatMap(([, b]) => b.map(([v]) => v)).filter(v => v !== null);
    const top = maximum || Math.max(0, ...values) || 1;
    const legend = series.length > 1 ? 22 : 0, groupHeight = series.length * HEIGHT + GAP;
    const width = LABEL + BAR + TEXT, height = legend + groups.length * groupHeight;
    const svg = node("svg", {class: "chart", role: "img", "aria-label": title, width, height,
                             viewBox: `0 0 ${width} ${height}`});
    if (legend) series.forEach((name, i) => {
      svg.appendChild(node("rect", {class: "legend", x: LABEL + i * 120, y: 4, width: 12, height: 12,
                                    fill: COLOURS[i % COLOURS.length]}));
      svg.appendChild(node("text", {x: LABEL + i * 120 + 16, y: 15}, name));
    });
    groups.forEach(([label, values], g) => {
      const y = legend + g * groupHeight;
      const text = node("text", {x: LABEL - 8, y: (y + series.length * HEIGHT / 2 + 4).toFixed(0), "text-anchor": "end"},
                        label.length > 18 ? label.slice(0, 17) + "…" : label);
      text.appendChild(node("title", {}, label));
      svg.appendChild(text);
      values.forEach(([value, shown], s) => {
        const barY = y + s * HEIGHT, length = value === null ? 0 : Math.max(0, value / top * BAR);
        if (value !== null) {
          const rect = node("rect", {class: "bar", x: LABEL, y: barY, width: length.toFixed(1), height: HEIGHT - 3,
                                     fill: COLOURS[s % COLOURS.length]});
          rect.appendChild(node("title", {}, `${label} · ${series[s]}: ${shown}`));
          svg.appendChild(rect);
        }
        svg.appendChild(node("text", {x: (LABEL + length + 6).toFixed(1), y: barY + HEIGHT - 5}, shown));
      });
    });
    return svg;
  }

  function empty(message) {
    const p = document.createElement("p");
    p.className = "empty";
    p.textContent = message;
    return p;
  }

  const chosen = {department: "", year: ""};
  // a link can carry the choice: overview.html?department=…&year=…
  const params = new URLSearchParams(location.search);
  document.querySelectorAll("select[data-choose]").forEach(select => {
    const value = params.get(select.dataset.choose);
    if (value !== null) { select.value = value; chosen[select.dataset.choose] = select.value; }
  });
  const keep = row => (chosen.department === "" || data.departments[row[0]] === chosen.department)
    && (chosen.year === "" || String(row[1]) === chosen.year);
  const years = rows => [...new Set(rows.map(r => r[1]))].sort();

  function spending() {
    const rows = data.spending.filter(keep);
    if (!rows.length) return empty("暂无数据 · No spending by function class (table 03 支出决算表) for this choice.");
    const byClass = new Map();
    for (const [, , code, amount] of rows) byClass.set(code, (byClass.get(code) || 0) + amount);
    const total = [...byClass.values()].reduce((a, b) => a + b, 0);
    const groups = [...byClass.entries()].sort((a, b) => b[1] - a[1])
      .map(([code, amount]) => [`${code} ${data.classes[code] || ""}`, [[amount, `${wan(amount)} · ${pct(amount, total)}`]]]);
    return bars(groups, ["支出合计"], "支出结构");
  }

  function threePublic() {
    const rows = data.three_public.filter(keep);
    if (!rows.length) return empty("暂无数据 · No 三公 figures for this choice.");
    const groups = years(rows).map(year => {
      const of = rows.filter(r => r[1] === year);
      const sum = i => of.some(r => r[i] !== null) ? of.reduce((a, r) => a + (r[i] || 0), 0) : null;
      const budget = sum(2), actual = sum(3);
      return [`${year}`, [[budget, budget === null ? "未列示" : wan(budget)],
                          [actual, actual === null ? "未列示" : wan(actual)]]];
    });
    return bars(groups, ["预算 budget", "决算 actual"], "三公经费");
  }

  function indicators() {
    const rows = data.indicators.filter(keep);
    if (!rows.length) return empty("暂无数据 · No performance indicators for this choice.");
    const groups = years(rows).map(year => {
      const of = rows.filter(r => r[1] === year);
      const [all, assessed, met] = [2, 3, 4].map(i => of.reduce((a, r) => a + r[i], 0));
      return [`${year}`, [assessed ? [met / assessed, `${met} / ${assessed} 达标 · ${pct(met, assessed, 0)}`]
                                   : [null, `${all} 项指标均无可比数值`]]];
    });
    return bars(groups, ["达标比例"], "绩效指标达标比例", 1);
  }

  function execution() {
    const rows = data.execution.filter(keep);
    if (!rows.length) return empty("暂无数据 · No department has both a budget and a final account of the same year loaded.");
    const groups = years(rows).map(year => {
      const of = rows.filter(r => r[1] === year);
      const budget = of.reduce((a, r) => a + r[2], 0), final = of.reduce((a, r) => a + r[3], 0);
      return [`${year} (${of.length} 个部门)`, [[final / budget, `${wan(final)} / ${wan(budget)} · ${pct(final, budget)}`]]];
    });
    return bars(groups, ["执行率"], "预算执行率");
  }

  const charts = {spending, "three-public": threePublic, indicators, execution};
  function render() {
    for (const [id, draw] of Object.entries(charts)) document.getElementById(id).replaceChildren(draw());
  }
  document.querySelectorAll("select[data-choose]").forEach(select => select.addEventListener("change", e => {
    chosen[e.target.dataset.choose] = e.target.value; render(); }));
  render();
  document.documentElement.dataset.renderedMs = performance.now().toFixed(0);
})();
