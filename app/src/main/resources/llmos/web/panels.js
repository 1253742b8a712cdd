// The library panels: agents, skills, one item's detail, and the recorded runs.
import { api } from './api.js';

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text != null) node.textContent = text;
  return node;
}

export class LibraryPanel {
  constructor({ agentsList, skillsList, detail, onError }) {
    this.agentsList = agentsList;
    this.skillsList = skillsList;
    this.detail = detail;
    this.onError = onError;
  }

  // Returns the agents, which the run controls also need.
  async load() {
    const [agents, skills] = await Promise.all([api.agents(), api.skills()]);
    this.fill(this.agentsList, agents, 'agent');
    this.fill(this.skillsList, skills, 'skill');
    return agents;
  }

  fill(list, items, kind) {
    list.replaceChildren(...items.map((item) => {
      const entry = el('li', 'item-entry');
      entry.dataset.name = item.name;
      entry.dataset.kind = kind;
      entry.tabIndex = 0;
      const title = el('div', 'item-title');
      title.append(el('span', 'item-name', item.name), el('span', 'item-volume', item.volume));
      if (item.kind && item.kind !== 'robot') title.append(el('span', 'item-kind', item.kind));
      entry.append(title, el('div', 'item-description', item.description ?? ''));
      const open = () => this.open(kind, item.name, entry);
      entry.addEventListener('click', open);
      entry.addEventListener('keydown', (e) => e.key === 'Enter' && open());
      return entry;
    }));
    if (!items.length) list.append(el('li', 'empty', `no ${kind}s`));
  }

  async open(kind, name, entry) {
    for (const selected of document.querySelectorAll('.item-entry.selected')) selected.classList.remove('selected');
    entry.classList.add('selected');
    try {
      const item = kind === 'agent' ? await api.agent(name) : await api.skill(name);
      this.show(item, kind);
    } catch (e) {
      this.onError(e);
    }
  }

  show(item, kind) {
    const d = this.detail;
    d.replaceChildren();
    d.dataset.name = item.name;
    const head = el('div', 'detail-head');
    head.append(el('h2', 'detail-name', item.name), el('span', 'badge', kind));
    if (item.kind) head.append(el('span', 'badge', item.kind));
    d.append(head);

    const facts = el('dl', 'facts');
    const fact = (key, value) => facts.append(el('dt', null, key), el('dd', `fact-${key}`, value));
    fact('volume', item.volume ?? '');
    fact('version', item.version ?? '');
    if (item.path) fact('path', item.path);
    fact('description', item.description ?? '');
    const uses = item.uses ?? 0;
    const successes = item.successes ?? 0;
    const rate = uses ? `${Math.round((successes / uses) * 100)} %` : 'n/a';
    fact('usage', `${uses} uses, ${successes} successes, success rate ${rate}`);
    d.append(facts);

    d.append(el('h3', null, 'Lineage'));
    const lineage = item.lineage ?? [];
    if (lineage.length) {
      const list = el('ol', 'lineage');
      for (const step of lineage) {
        const evidence = step.uses != null ? `, ${step.successes} of ${step.uses} uses successful` : '';
        const by = step.approvedBy ? `, approved by ${step.approvedBy}` : '';
        list.append(el('li', null, `${step.from} → ${step.to}, ${step.at ?? ''}${evidence}${by}`));
      }
      d.append(list);
    } else {
      d.append(el('p', 'lineage muted', 'never promoted'));
    }

    d.append(el('h3', null, 'Frontmatter'));
    d.append(frontmatterTable(item.frontmatter ?? {}));

    d.append(el('h3', null, 'Body'));
    const body = el('div', 'markdown');
    // Trusted: the server renders the markdown with raw HTML escaped (docs/api.md).
    body.innerHTML = item.html ?? '';
    d.append(body);
    d.scrollTop = 0;
  }
}

// Top-level keys as rows; nested values as pretty JSON, which reads well for rules and lists.
function frontmatterTable(frontmatter) {
  const table = el('table', 'frontmatter');
  for (const [key, value] of Object.entries(frontmatter)) {
    const tr = el('tr');
    const cell = el('td');
    if (value !== null && typeof value === 'object') cell.append(el('pre', null, JSON.stringify(value, null, 2)));
    else cell.textContent = String(value);
    tr.append(el('th', null, key), cell);
    table.append(tr);
  }
  if (!table.children.length) table.append(el('tr', null, 'no frontmatter'));
  return table;
}

export class RunsPanel {
  constructor({ list, onOpen, onError }) {
    this.list = list;
    this.onOpen = onOpen;
    this.onError = onError;
    this.selectedId = null;
  }

  async refresh() {
    try {
      const runs = await api.runs();
      this.list.replaceChildren(...runs.map((run) => this.entry(run)));
      if (!runs.length) this.list.append(el('li', 'empty', 'no recorded runs yet'));
    } catch (e) {
      this.onError(e);
    }
  }

  entry(run) {
    const entry = el('li', 'run-entry');
    entry.dataset.id = run.id;
    entry.dataset.live = String(Boolean(run.live));
    entry.tabIndex = 0;
    entry.classList.toggle('selected', run.id === this.selectedId);
    const top = el('div', 'run-top');
    top.append(el('span', 'run-agent', run.agent), el('span', 'run-arena', `in ${run.arena}`));
    const outcome = run.live ? 'live' : (run.outcome ?? 'no outcome');
    top.append(el('span', `run-outcome outcome-${outcome.replace(/[^a-z-]/gi, '')}`, outcome));
    const started = run.startedAt ? new Date(run.startedAt) : null;
    const when = started && !Number.isNaN(started.getTime()) ? started.toLocaleString() : (run.startedAt ?? '');
    entry.append(top, el('div', 'run-meta', `${when} · seed ${run.seed ?? '?'} · ${run.id}`));
    const open = () => this.onOpen(run);
    entry.addEventListener('click', open);
    entry.addEventListener('keydown', (e) => e.key === 'Enter' && open());
    return entry;
  }

  select(id) {
    this.selectedId = id;
    for (const entry of this.list.querySelectorAll('.run-entry')) entry.classList.toggle('selected', entry.dataset.id === id);
  }
}
