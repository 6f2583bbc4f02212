// A horizontal bar chart drawn as inline SVG (attributes only: the CSP allows no inline styles),
// with role="img" and an aria-label that says every number, and the same numbers as a table
// for screen readers.

import { h, svg } from './dom-kit.js';

const BAR = '#0b5cad';

/**
 * @param {{ title: string, rows: { label: string, value: number, color?: string }[], unit?: string, id: string }} chart
 * @returns {HTMLElement} a <figure> with the SVG and a visually hidden table
 */
export function barChart({ title, rows, unit = '', id }) {
  // Narrow enough that the text stays readable when the chart shrinks to a phone's width.
  const width = 340;
  const labelWidth = 118;
  const barArea = width - labelWidth - 44;
  const rowHeight = 28;
  const height = rows.length * rowHeight + 8;
  const max = Math.max(1, ...rows.map((r) => r.value));
  const total = rows.reduce((n, r) => n + r.value, 0);
  const spoken = `${title}: ${rows.map((r) => `${r.label} ${r.value}${unit}`).join(', ')}.`;

  const picture = svg('svg', { viewBox: `0 0 ${width} ${height}`, width: '100%', role: 'img', 'aria-label': spoken, focusable: 'false', 'font-family': 'system-ui, sans-serif', 'font-size': '14' },
    rows.map((row, i) => {
      const y = 4 + i * rowHeight;
      const w = row.value ? Math.max(2, Math.round((row.value / max) * barArea)) : 0;
      return svg('g', {},
        svg('text', { x: labelWidth - 8, y: y + rowHeight / 2 + 5, 'text-anchor': 'end', fill: '#1b1f24' }, row.label),
        svg('rect', { x: labelWidth, y: y + 4, width: barArea, height: rowHeight - 10, fill: '#f3f6f9' }),
        svg('rect', { x: labelWidth, y: y + 4, width: w, height: rowHeight - 10, rx: 2, fill: row.color ?? BAR }),
        svg('text', { x: labelWidth + w + 6, y: y + rowHeight / 2 + 5, fill: '#1b1f24', 'font-weight': '700' }, `${row.value}${unit}`));
    }));

  const table = h('table', { class: 'visually-hidden' },
    h('caption', {}, title),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Category'), h('th', { scope: 'col' }, 'Count'))),
    h('tbody', {}, rows.map((r) => h('tr', {}, h('th', { scope: 'row' }, r.label), h('td', {}, `${r.value}${unit}`)))),
    h('tfoot', {}, h('tr', {}, h('th', { scope: 'row' }, 'Total'), h('td', {}, String(total)))));

  return h('figure', { class: 'chart', id }, picture, table);
}
