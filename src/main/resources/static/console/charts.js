// Plain SVG bar charts for the console: no library, text set with textContent only.
'use strict';
const Charts = (() => {
  const NS = 'http://www.w3.org/2000/svg';

  function el(name, attributes, text) {
    const node = document.createElementNS(NS, name);
    Object.entries(attributes || {}).forEach(([k, v]) => node.setAttribute(k, v));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /** rows: [{label, values: [number|null...]}]; series: [{name, colour}]; max: top of the scale. */
  function bars(rows, series, max, format) {
    const rowHeight = 14 * series.length + 10, width = 460, left = 60, right = 60;
    const svg = el('svg', {width, height: rows.length * rowHeight + 30, role: 'img', class: 'chart'});
    const scale = v => (width - left - right) * (max > 0 ? Math.min(v, max) / max : 0);
    rows.forEach((row, i) => {
      const y = i * rowHeight + 4;
      svg.appendChild(el('text', {x: 0, y: y + 12, 'font-size': 12}, row.label));
      series.forEach((s, j) => {
        const value = row.values[j];
        const barY = y + j * 14;
        if (value === null || value === undefined) {
          svg.appendChild(el('text', {x: left, y: barY + 11, 'font-size': 11, fill: '#656d76'}, 'n/a'));
          return;
        }
        svg.appendChild(el('rect', {x: left, y: barY, width: Math.max(1, scale(value)), height: 12,
          fill: s.colour, 'data-series': s.name, 'data-row': row.label}));
        svg.appendChild(el('text', {x: left + scale(value) + 4, y: barY + 11, 'font-size': 11}, format(value)));
      });
    });
    const legendY = rows.length * rowHeight + 20;
    series.forEach((s, j) => {
      svg.appendChild(el('rect', {x: left + j * 170, y: legendY - 9, width: 10, height: 10, fill: s.colour}));
      svg.appendChild(el('text', {x: left + j * 170 + 14, y: legendY, 'font-size': 11}, s.name));
    });
    return svg;
  }

  /** counts: {STATE: n}: one stacked bar, e.g. hosts per rollout state. */
  function stacked(counts, colours) {
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    const svg = el('svg', {width: 460, height: 40, role: 'img', class: 'chart'});
    let x = 0;
    Object.entries(counts).forEach(([state, n]) => {
      const w = total ? 460 * n / total : 0;
      svg.appendChild(el('rect', {x, y: 0, width: w, height: 18, fill: colours[state] || '#8c959f'}))
        .appendChild(el('title', {}, state + ': ' + n));
      svg.appendChild(el('text', {x: x + 2, y: 32, 'font-size': 11}, state + ' ' + n));
      x += w;
    });
    return svg;
  }

  return {bars, stacked};
})();
