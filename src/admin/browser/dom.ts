/** Building the page's elements: always through textContent and attributes, never innerHTML, so nothing shown becomes markup. */

export function $<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing from the page`);
  return el as T;
}

export type Attrs = Record<string, string | number | boolean | null | undefined>;
export type Child = Node | string | number | null | undefined | false;

/** h('td', { class: 'num', title: 'x' }, [child, 'text']): `text` sets textContent, `width` goes through CSSOM (allowed by the page's CSP). */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs | null, children?: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.className = String(v);
    else if (k === 'text') el.textContent = String(v);
    else if (k === 'width') el.style.width = String(v);
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An SVG element; presentation attributes such as `fill` are attributes, not inline style. */
export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs?: Attrs | null, children?: Child[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'text') el.textContent = String(v);
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

function append(el: Element, children?: Child[]): void {
  for (const c of children ?? []) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(typeof c === 'object' ? c : document.createTextNode(String(c)));
  }
}

export function pill(kind: string, text: string, title?: string): HTMLSpanElement {
  return h('span', { class: `pill ${kind}`, text, title });
}

export function fmt(n: number | null | undefined, digits = 0): string {
  return n === null || n === undefined ? '—' : Number(n).toLocaleString(undefined, { maximumFractionDigits: digits });
}

export function ms(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : `${fmt(n, n < 10 ? 1 : 0)} ms`;
}

export function usd(n: number, digits = 4): string {
  return `$${fmt(n, digits)}`;
}

export function clear<T extends Element>(el: T): T {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

/** `a, b,,c` → ['a', 'b', 'c'] */
export function list(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
