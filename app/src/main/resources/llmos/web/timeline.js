// The brain timeline (newest first) and the latency chart beside it. One decision per tick;
// a window of the newest MAX decisions is kept, in the DOM and on the chart.

export const MAX = 300;
const KNOWN_BRAINS = ['reflex', 'instinct', 'planner'];

// The brain's colour comes from the stylesheet (--brain-*), so the legend, the timeline and the
// chart cannot disagree.
function brainColour(brain) {
  const name = KNOWN_BRAINS.includes(brain) ? brain : 'other';
  return getComputedStyle(document.documentElement).getPropertyValue(`--brain-${name}`).trim() || '#999';
}

export class Timeline {
  constructor(list, canvas) {
    this.list = list;
    this.canvas = canvas;
    this.decisions = []; // oldest first
    new ResizeObserver(() => this.draw()).observe(canvas);
  }

  get lastTick() {
    return this.decisions.length ? this.decisions[this.decisions.length - 1].tick : -1;
  }

  // Adds the decisions newer than the newest shown; a `state` repeats the last 20, so a
  // client that skipped frames fills its gap and one that did not adds one or two.
  merge(decisions) {
    const fresh = decisions.filter((d) => d.tick > this.lastTick).sort((a, b) => a.tick - b.tick);
    if (!fresh.length) return;
    this.decisions.push(...fresh);
    const fragment = document.createDocumentFragment();
    for (const d of fresh) fragment.prepend(row(d));
    this.list.prepend(fragment);
    const excess = this.decisions.length - MAX;
    if (excess > 0) {
      this.decisions.splice(0, excess);
      for (let i = 0; i < excess; i++) this.list.lastElementChild?.remove();
    }
    this.draw();
  }

  // Shows exactly these decisions (a replay's window, or the live ones after a replay).
  reset(decisions = []) {
    this.decisions = [];
    this.list.replaceChildren();
    this.merge(decisions.slice(-MAX));
    this.draw();
  }

  // Latency per decision over the ticks shown, on a log scale: a tick takes from microseconds
  // to tens of milliseconds, and all must be readable on one chart.
  draw() {
    const canvas = this.canvas;
    const ratio = window.devicePixelRatio || 1;
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    if (!width || !height) return;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    const ctx = canvas.getContext('2d');
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);

    const styles = getComputedStyle(canvas);
    const ink = styles.color;
    const left = 44;
    const right = 6;
    const top = 6;
    const bottom = 16;
    const plotW = width - left - right;
    const plotH = height - top - bottom;
    ctx.font = '10px system-ui, sans-serif';
    ctx.fillStyle = ink;

    const ds = this.decisions.filter((d) => Number.isFinite(d.latencyMs));
    if (!ds.length) {
      ctx.textAlign = 'center';
      ctx.fillText('latency per decision (ms) appears here', width / 2, height / 2);
      return;
    }
    const lat = ds.map((d) => Math.max(d.latencyMs, 0.001));
    const lo = Math.floor(Math.log10(Math.min(...lat)));
    const hi = Math.max(lo + 1, Math.ceil(Math.log10(Math.max(...lat))));
    const y = (ms) => top + plotH - ((Math.log10(Math.max(ms, 0.001)) - lo) / (hi - lo)) * plotH;
    const lastTick = ds[ds.length - 1].tick;
    const firstTick = Math.min(ds[0].tick, Math.max(0, lastTick - MAX + 1));
    const span = lastTick - firstTick + 1;
    const x = (tick) => left + ((tick - firstTick) / span) * plotW;

    // Decade grid lines, labelled in milliseconds.
    ctx.strokeStyle = styles.getPropertyValue('--grid').trim() || '#333';
    ctx.lineWidth = 1;
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (let p = lo; p <= hi; p++) {
      const gy = Math.round(y(10 ** p)) + 0.5;
      ctx.beginPath();
      ctx.moveTo(left, gy);
      ctx.lineTo(width - right, gy);
      ctx.stroke();
      ctx.fillText(formatMs(10 ** p), left - 4, gy);
    }
    ctx.textBaseline = 'alphabetic';
    ctx.textAlign = 'left';
    ctx.fillText(`tick ${firstTick}`, left, height - 3);
    ctx.textAlign = 'right';
    ctx.fillText(`${lastTick}`, width - right, height - 3);

    const barW = Math.max(1, plotW / span - 0.5);
    const colours = new Map();
    const base = top + plotH;
    for (const d of ds) {
      if (!colours.has(d.brain)) colours.set(d.brain, brainColour(d.brain));
      ctx.fillStyle = colours.get(d.brain);
      const by = y(d.latencyMs);
      ctx.fillRect(x(d.tick), by, barW, Math.max(1.5, base - by));
    }
  }
}

function formatMs(ms) {
  if (ms >= 1000) return `${Math.round(ms / 1000)} s`;
  if (ms >= 1) return `${Math.round(ms)} ms`;
  return `${Math.round(ms * 1000)} µs`;
}

function row(d) {
  const el = document.createElement('li');
  el.className = 'decision';
  el.dataset.brain = d.brain ?? 'unknown';
  el.dataset.tick = d.tick;
  if (!KNOWN_BRAINS.includes(d.brain)) el.classList.add('brain-other');
  const head = document.createElement('div');
  head.className = 'decision-head';
  const latency = Number.isFinite(d.latencyMs) ? formatLatency(d.latencyMs) : '';
  head.append(
    span('decision-tick', `#${d.tick}`),
    span('decision-brain', d.brain ?? '?'),
    span('decision-latency', latency),
  );
  if (d.verdict && d.verdict !== 'accepted') head.append(span('decision-verdict', d.verdict));
  const reason = span('decision-reason', d.reason ?? '');
  el.append(head, reason);
  const extra = [d.command, d.confidence == null ? null : `confidence ${d.confidence}`, d.timeS == null ? null : `t ${d.timeS} s`];
  el.title = extra.filter(Boolean).join('\n');
  return el;
}

function span(className, text) {
  const el = document.createElement('span');
  el.className = className;
  el.textContent = text;
  return el;
}

function formatLatency(ms) {
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 10) return `${ms.toFixed(0)} ms`;
  if (ms >= 1) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}
