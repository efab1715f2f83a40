// <vpc-playground>: a read-only vpcplay viewer for documentation pages, loaded by one script tag.
//
//   <script src="https://…/embed/vpc-playground.js"></script>
//   <vpc-playground src="topology.json" flow="app reads a report" step="3" height="420px">
//   </vpc-playground>
//
// src: a topology document (JSON), resolved against the page; or topology="1…": a share link's
// fragment. flow: a saved flow, played as soon as it loads. step: play up to that hop (1 is the
// first) and stop there. height: the element's height (CSS length, default 420px).
//
// The viewer's wasm (viewer_bg.wasm beside this file) loads once per page, however many elements
// there are. It opens, lays out, draws and traces; this script puts the drawing on the page,
// moves the packet, and handles the controls, pan (drag) and zoom (wheel).
(() => {
  if (customElements.get('vpc-playground')) return;
  // Where this script was loaded from (a classic script has currentScript; a module does not).
  const script = document.currentScript || document.querySelector('script[src*="vpc-playground"]');
  const base = new URL('.', script?.src || location.href);
  const app = new URL('../', base);
  let wasm;
  const load = () =>
    (wasm ??= import(new URL('viewer.js', base)).then(async (m) => {
      await m.default({ module_or_path: new URL('viewer_bg.wasm', base) });
      return m;
    }));

  // Share links: `1`, then the document raw-deflated in base64url (core::share); the limits are
  // the playground's.
  const MAX_CHARS = 262144;
  const MAX_BYTES = 4 * 1024 * 1024;
  async function inflate(fragment) {
    const f = fragment.replace(/^#/, '');
    if (!f) throw new Error('the link carries no topology');
    // Format 2 (the playground's Share) packs the document with a preset dictionary, which the
    // browser's inflater cannot take; the viewer stays small by reading format 1 and documents.
    if (f[0] === '2') throw new Error('it is a playground link (format 2), which opens in the playground; here, give the topology file as src');
    if (f[0] !== '1') throw new Error(`the link is of an unknown format (version “${f[0]}”)`);
    if (f.length > MAX_CHARS) throw new Error(`the link is too long (${f.length} characters)`);
    const bad = f.slice(1).search(/[^A-Za-z0-9_-]/);
    if (bad >= 0) throw new Error(`the link has a character it cannot hold at position ${bad + 2}`);
    let bytes;
    try {
      bytes = Uint8Array.from(atob(f.slice(1).replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
    } catch {
      throw new Error('the link is cut short');
    }
    const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
    const parts = [];
    let size = 0;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.length;
        if (size > MAX_BYTES) throw new Error('the topology in the link is too large');
        parts.push(value);
      }
    } catch (e) {
      throw new Error(e.message.startsWith('the topology') ? e.message : 'the link is damaged');
    }
    return new TextDecoder().decode(await new Blob(parts).arrayBuffer());
  }
  async function deflate(text) {
    let compact = text;
    try {
      compact = JSON.stringify(JSON.parse(text));
    } catch {}
    const stream = new Blob([compact]).stream().pipeThrough(new CompressionStream('deflate-raw'));
    const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    let bin = '';
    for (const b of bytes) bin += String.fromCharCode(b);
    return '1' + btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  const css = `
:host{display:block}[hidden]{display:none!important}:host{height:var(--vpc-height,420px);font:13px/1.4 system-ui,sans-serif;color:var(--fg);
--fg:#1d2330;--muted:#5b6475;--bg:#fff;--panel:#f5f7fa;--line:#c9d1dc;--accent:#0b63c4;--node:#fff;--box:#eef3f9;--bad:#c4320b;--good:#17803d}
@media (prefers-color-scheme:dark){:host{--fg:#e6e9ef;--muted:#a3adbd;--bg:#161a22;--panel:#1e232d;--line:#3b4454;--accent:#6cb0ff;--node:#222835;--box:#1b2130;--bad:#ff8a65;--good:#6fd08c}}
.box{box-sizing:border-box;height:100%;display:flex;flex-direction:column;border:1px solid var(--line);border-radius:8px;background:var(--bg);overflow:hidden;container-type:inline-size}
header{display:flex;flex-wrap:wrap;gap:6px;align-items:center;padding:6px 8px;background:var(--panel);border-bottom:1px solid var(--line)}
header .flow{flex:1 1 10em;min-width:0}
select,button{font:inherit;color:inherit;background:var(--bg);border:1px solid var(--line);border-radius:5px;padding:2px 8px}
select{max-width:100%}
button:focus-visible,select:focus-visible,a:focus-visible,li:focus-visible{outline:2px solid var(--accent);outline-offset:1px}
a{color:var(--accent)}
.main{flex:1;min-height:0;display:grid;grid-template-columns:1fr minmax(12em,32%)}
@container (max-width:560px){.main{grid-template-columns:1fr;grid-template-rows:1fr 38%}}
svg{width:100%;height:100%;display:block;touch-action:none;cursor:grab;user-select:none}
svg.grabbing{cursor:grabbing}
aside{min-height:0;display:flex;flex-direction:column;border-left:1px solid var(--line)}
@container (max-width:560px){aside{border-left:0;border-top:1px solid var(--line)}}
[data-message]{margin:0;padding:8px 10px;background:#fff4e5;color:#5c3b00;border-bottom:1px solid #f0c36d}
[data-message][hidden]{display:none}
:host([data-state=error]) header,:host([data-state=error]) .main{display:none}
[data-verdict]{margin:0;padding:6px 8px;font-weight:600;border-bottom:1px solid var(--line)}
[data-verdict=delivered]{color:var(--good)}
[data-verdict=blocked]{color:var(--bad)}
ol{margin:0;padding:4px 8px 4px 2.2em;overflow:auto;position:relative;flex:1}
li{padding:2px 4px;border-radius:4px;cursor:pointer}
li[aria-current]{background:var(--box);outline:1px solid var(--accent)}
li small{display:block;color:var(--muted)}
.node .frame{fill:var(--node);stroke:var(--line)}
.node.container .frame{fill:var(--box)}
.node.at .frame{stroke:var(--accent);stroke-width:2.5}
.title{font-size:13px;font-weight:600;fill:var(--fg)}
.subtitle{font-size:11.5px;fill:var(--muted)}
.link{stroke:var(--muted);stroke-width:1.5;stroke-dasharray:5 4}
.trail{fill:none;stroke:var(--accent);stroke-width:3;opacity:.55}
[data-packet]{fill:var(--accent);stroke:var(--bg);stroke-width:2}
[data-packet].blocked{fill:var(--bad)}
`;
  const html = `<div class="box" part="box"><header>
<select class="flow" data-flow aria-label="Flow"></select>
<button data-action="back" aria-label="Previous hop">◀</button>
<button data-action="play">Play</button>
<button data-action="forward" aria-label="Next hop">▶</button>
<button data-action="fit" title="Show everything">Fit</button>
<a data-open target="_blank" rel="noopener" hidden>Open in the playground</a></header>
<p data-message role="alert" hidden></p>
<div class="main"><svg data-canvas role="img" aria-label="Topology"><g class="drawing"></g><polyline class="trail"></polyline><circle data-packet r="8" hidden></circle></svg>
<aside aria-label="Hops"><p data-verdict hidden></p><ol data-hops></ol></aside></div></div>`;

  const el = (tag, text, attrs = {}) => {
    const e = document.createElement(tag);
    if (text != null) e.textContent = text;
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    return e;
  };
  const pts = (flat) => {
    const out = [];
    for (let i = 0; i + 1 < flat.length; i += 2) out.push([flat[i], flat[i + 1]]);
    return out;
  };
  // The point a fraction f of the way along a polyline, by length.
  function along(p, f) {
    const len = (a, b) => Math.hypot(b[0] - a[0], b[1] - a[1]);
    let total = 0;
    for (let i = 1; i < p.length; i++) total += len(p[i - 1], p[i]);
    if (!p.length) return [0, 0];
    if (total <= 0) return p[p.length - 1];
    let left = Math.min(Math.max(f, 0), 1) * total;
    for (let i = 1; i < p.length; i++) {
      const l = len(p[i - 1], p[i]);
      if (left <= l) {
        const t = l > 0 ? left / l : 1;
        return [p[i - 1][0] + (p[i][0] - p[i - 1][0]) * t, p[i - 1][1] + (p[i][1] - p[i - 1][1]) * t];
      }
      left -= l;
    }
    return p[p.length - 1];
  }
  const reduced = matchMedia('(prefers-reduced-motion: reduce)');
  const HOP_MS = 650;

  class VpcPlayground extends HTMLElement {
    static observedAttributes = ['src', 'topology', 'flow', 'step', 'height'];

    constructor() {
      super();
      const root = this.attachShadow({ mode: 'open' });
      root.innerHTML = `<style>${css}</style>${html}`;
      const q = (s) => root.querySelector(s);
      this.$ = {
        svg: q('svg'), drawing: q('.drawing'), trail: q('.trail'), packet: q('[data-packet]'),
        flow: q('[data-flow]'), play: q('[data-action=play]'), open: q('[data-open]'),
        message: q('[data-message]'), verdict: q('[data-verdict]'), hops: q('[data-hops]'),
      };
      this.generation = 0;
      root.addEventListener('click', (ev) => {
        const a = ev.target.closest('[data-action]')?.dataset.action;
        if (a === 'play') this.toggle();
        else if (a === 'back') this.go(this.hop - 1);
        else if (a === 'forward') this.go(this.hop + 1);
        else if (a === 'fit') this.fit();
        const li = ev.target.closest('[data-hop-index]');
        if (li) this.go(Number(li.dataset.hopIndex));
      });
      this.$.hops.addEventListener('keydown', (ev) => {
        const li = ev.target.closest('[data-hop-index]');
        if (li && (ev.key === 'Enter' || ev.key === ' ')) {
          ev.preventDefault();
          this.go(Number(li.dataset.hopIndex));
        }
      });
      this.$.flow.addEventListener('change', () => this.choose(this.$.flow.value, null));
      this.panZoom();
    }

    connectedCallback() {
      this.schedule();
    }
    disconnectedCallback() {
      this.stop();
    }
    attributeChangedCallback(name) {
      if (name === 'height') this.style.setProperty('--vpc-height', this.getAttribute('height') || '420px');
      else if (this.isConnected) this.schedule();
    }
    schedule() {
      if (this.pending) return;
      this.pending = true;
      queueMicrotask(() => {
        this.pending = false;
        this.open();
      });
    }

    say(text) {
      this.$.message.textContent = text;
      this.$.message.hidden = !text;
      if (text) this.dataset.problem = '';
      else delete this.dataset.problem;
    }

    // Reads the topology, draws it, and plays the flow the attributes name.
    async open() {
      const gen = ++this.generation;
      const live = () => gen === this.generation;
      this.stop();
      this.scene?.free();
      this.scene = null;
      this.trace = null;
      this.dataset.state = 'loading';
      this.say('');
      this.$.drawing.replaceChildren();
      this.$.hops.replaceChildren();
      this.$.verdict.hidden = true;
      this.$.packet.setAttribute('hidden', '');
      this.$.trail.setAttribute('points', '');
      this.$.open.hidden = true;
      const src = this.getAttribute('src');
      const fragment = this.getAttribute('topology');
      const fail = (text) => {
        if (!live()) return;
        this.say(text);
        this.dataset.state = 'error';
      };
      if (!src && !fragment) return fail('Nothing to show: give the playground a topology with src="topology.json".');
      let text;
      try {
        if (fragment) {
          text = await inflate(fragment);
        } else {
          const url = new URL(src, document.baseURI);
          const res = await fetch(url);
          if (!res.ok) return fail(`The topology “${src}” could not be loaded: the server answered ${res.status}${res.statusText ? ' ' + res.statusText : ''}.`);
          text = await res.text();
        }
      } catch (e) {
        return fail(fragment ? `This link does not hold a topology: ${e.message}.` : `The topology “${src}” could not be loaded: ${e.message}.`);
      }
      let m;
      try {
        m = await load();
      } catch (e) {
        return fail(`The viewer could not start: ${e.message ?? e}.`);
      }
      if (!live()) return;
      try {
        this.scene = new m.Scene(text);
      } catch (e) {
        return fail(String(e));
      }
      this.$.drawing.innerHTML = this.scene.drawing();
      this.extent = this.scene.extent();
      this.fit();
      const flows = JSON.parse(this.scene.flows());
      const sel = this.$.flow;
      sel.replaceChildren(el('option', flows.length ? 'Choose a flow…' : 'No saved flows', { value: '' }));
      for (const f of flows) sel.append(el('option', f, { value: f }));
      this.dataset.state = 'ready';
      deflate(text).then((f) => {
        if (!live()) return;
        this.$.open.href = new URL('#' + (fragment ? fragment.replace(/^#/, '') : f), app).href;
        this.$.open.hidden = false;
      }, () => {});
      const flow = this.getAttribute('flow');
      const step = this.getAttribute('step');
      if (flow) {
        sel.value = flows.includes(flow) ? flow : '';
        this.choose(flow, step);
      } else if (step != null) {
        this.say('A step needs a flow: name one with flow="…".');
      }
    }

    // Traces a flow and plays it: to its end, or to hop `step` (1 is the first).
    choose(name, step) {
      this.stop();
      this.trace = null;
      this.$.hops.replaceChildren();
      this.$.verdict.hidden = true;
      this.$.packet.setAttribute('hidden', '');
      this.$.trail.setAttribute('points', '');
      this.$.drawing.querySelector('.at')?.classList.remove('at');
      if (!name || !this.scene) return;
      let t;
      try {
        t = JSON.parse(this.scene.play(name));
      } catch (e) {
        this.say(String(e));
        return;
      }
      this.say('');
      this.trace = t;
      t.legs = t.legs.map(pts);
      t.hops.forEach((h, i) => {
        const li = el('li', null, { 'data-hop-index': i, tabindex: '0' });
        li.append(el('strong', h.component), ` — ${h.what}`);
        if (h.rule) li.append(el('small', h.rule));
        this.$.hops.append(li);
      });
      const v = this.$.verdict;
      v.dataset.verdict = t.verdict;
      v.textContent = t.summary[0].toUpperCase() + t.summary.slice(1);
      let target = t.end;
      if (step != null) {
        const n = Number(step);
        if (Number.isInteger(n) && n >= 1 && n <= t.hops.length) target = n - 1;
        else this.say(`Step “${step}” is out of range: this flow has ${t.hops.length} hops, numbered 1 to ${t.hops.length}.`);
      }
      this.goal = target;
      this.hop = 0;
      this.marked = -1;
      this.show(0, 0);
      this.play(target);
    }

    // Puts the packet `f` of the way from hop `i` to hop `i + 1`, and marks hop `i`.
    show(i, f) {
      const t = this.trace;
      const p = this.$.packet;
      const leg = t.legs[i];
      const at = f > 0 && leg ? along(leg, f) : t.stops[i];
      if (!at) return;
      p.removeAttribute('hidden');
      p.setAttribute('cx', at[0]);
      p.setAttribute('cy', at[1]);
      p.classList.toggle('blocked', t.verdict === 'blocked' && i >= t.end);
      const trail = t.stops.slice(0, i + 1).map((s) => s.join(',')).concat(f > 0 ? [at.join(',')] : []);
      this.$.trail.setAttribute('points', trail.join(' '));
      if (this.marked !== i) {
        this.marked = i;
        this.hop = i;
        for (const li of this.$.hops.children) {
          if (Number(li.dataset.hopIndex) === i) li.setAttribute('aria-current', 'step');
          else li.removeAttribute('aria-current');
        }
        const li = this.$.hops.children[i];
        const ol = this.$.hops;
        if (li && (li.offsetTop < ol.scrollTop || li.offsetTop + li.offsetHeight > ol.scrollTop + ol.clientHeight)) {
          ol.scrollTop = li.offsetTop - ol.clientHeight / 3;
        }
        this.$.drawing.querySelector('.at')?.classList.remove('at');
        const comp = t.hops[i]?.component;
        if (comp) this.$.drawing.querySelector(`[data-object-id="${CSS.escape(comp)}"]`)?.classList.add('at');
      }
      if (i === this.goal && f === 0) this.$.verdict.hidden = false;
    }

    // Plays from the current hop to hop `goal` (by default where the request ends), from the
    // start again when it is there already.
    play(goal = this.trace?.end) {
      if (!this.trace) return;
      if (this.hop >= goal) {
        this.hop = 0;
        this.show(0, 0);
      }
      this.goal = goal;
      if (this.hop >= goal) return;
      this.playing = true;
      this.$.play.textContent = 'Pause';
      let from = this.hop;
      let t0 = performance.now();
      const frame = (now) => {
        if (!this.playing) return;
        const f = (now - t0) / HOP_MS;
        if (f >= 1) {
          from += 1;
          t0 = now;
          this.show(from, 0);
          if (from >= this.goal) return this.stop();
        } else if (!reduced.matches) {
          this.show(from, f);
        }
        this.raf = requestAnimationFrame(frame);
      };
      this.raf = requestAnimationFrame(frame);
    }
    stop() {
      this.playing = false;
      cancelAnimationFrame(this.raf);
      this.$.play.textContent = 'Play';
    }
    toggle() {
      if (this.playing) this.stop();
      else this.play();
    }
    go(i) {
      if (!this.trace) return;
      this.stop();
      const n = Math.min(Math.max(i, 0), this.trace.stops.length - 1);
      this.goal = n;
      this.show(n, 0);
      if (n >= this.trace.end) this.$.verdict.hidden = false;
    }

    // The view: a viewBox over the drawing, panned by dragging and zoomed by the wheel.
    setView(v) {
      this.view = v;
      this.$.svg.setAttribute('viewBox', v.join(' '));
    }
    fit() {
      if (this.extent) this.setView([...this.extent]);
    }
    panZoom() {
      const svg = this.$.svg;
      let grab = null;
      const scale = () => {
        const r = svg.getBoundingClientRect();
        // preserveAspectRatio meet: one user unit is the larger of the two ratios.
        return Math.max(this.view[2] / r.width, this.view[3] / r.height) || 1;
      };
      svg.addEventListener('pointerdown', (ev) => {
        if (!this.view || ev.button !== 0) return;
        grab = { x: ev.clientX, y: ev.clientY, view: [...this.view], s: scale() };
        svg.setPointerCapture(ev.pointerId);
        svg.classList.add('grabbing');
      });
      svg.addEventListener('pointermove', (ev) => {
        if (!grab) return;
        const [x, y, w, h] = grab.view;
        this.setView([x - (ev.clientX - grab.x) * grab.s, y - (ev.clientY - grab.y) * grab.s, w, h]);
      });
      const end = () => {
        grab = null;
        svg.classList.remove('grabbing');
      };
      svg.addEventListener('pointerup', end);
      svg.addEventListener('pointercancel', end);
      svg.addEventListener(
        'wheel',
        (ev) => {
          if (!this.view) return;
          ev.preventDefault();
          const r = svg.getBoundingClientRect();
          const s = scale();
          const [x, y, w, h] = this.view;
          // The point under the pointer stays put.
          const px = x + (ev.clientX - r.left - (r.width - w / s) / 2) * s;
          const py = y + (ev.clientY - r.top - (r.height - h / s) / 2) * s;
          const k = Math.min(Math.max(Math.exp(ev.deltaY * 0.0015), 0.5), 2);
          const nw = Math.min(Math.max(w * k, 80), 20000);
          const z = nw / w;
          this.setView([px - (px - x) * z, py - (py - y) * z, w * z, h * z]);
        },
        { passive: false },
      );
    }
  }
  customElements.define('vpc-playground', VpcPlayground);
})();
