// Replaying a recorded run: its ticks on a slider, played back at a chosen pace, with the
// world model fetched for the tick the slider settles on.
import { api } from './api.js';

const PAGE = 5000; // the server's most ticks per request

export class Replay {
  constructor({ banner, title, progress, slider, play, rate, exit, onLoad, onFrame, onMap, onExit, onError }) {
    Object.assign(this, { banner, title, progress, slider, play, rate, onLoad, onFrame, onMap, onExit, onError });
    this.run = null;
    this.ticks = [];
    this.playing = false;
    this.generation = 0; // a newer open() or close() makes older loads stop
    slider.addEventListener('input', () => {
      this.pause();
      this.seek(Number(slider.value));
    });
    play.addEventListener('click', () => (this.playing ? this.pause() : this.start()));
    exit.addEventListener('click', () => this.close());
  }

  get active() {
    return this.run !== null;
  }

  async open(run) {
    const generation = ++this.generation;
    this.pause();
    this.run = run;
    this.ticks = [];
    this.banner.hidden = false;
    document.body.classList.add('replaying');
    this.title.textContent = `Replay of ${run.id}: ${run.agent} in ${run.arena}, ${run.outcome ?? 'no outcome'}`;
    this.progress.textContent = 'loading…';
    this.slider.disabled = true;
    this.play.disabled = true;
    try {
      const detail = await api.run(run.id);
      if (generation !== this.generation) return;
      const arena = detail.header?.arena ?? run.arena;
      await this.onLoad(arena);
      const expected = detail.ticks ?? Infinity;
      // Page through the recording, from where each answer stopped.
      let from = 0;
      while (this.ticks.length < expected) {
        const page = await api.ticks(run.id, from, from + PAGE - 1);
        if (generation !== this.generation) return;
        if (!page.length) break;
        this.ticks.push(...page);
        from = page[page.length - 1].tick + 1;
        this.progress.textContent = `loading… ${this.ticks.length} ticks`;
      }
    } catch (e) {
      if (generation === this.generation) {
        this.progress.textContent = 'could not load';
        this.onError(e);
      }
      return;
    }
    if (!this.ticks.length) {
      this.progress.textContent = 'this run recorded no ticks';
      return;
    }
    this.slider.min = 0;
    this.slider.max = this.ticks.length - 1;
    this.slider.value = this.ticks.length - 1;
    this.slider.disabled = false;
    this.play.disabled = false;
    this.seek(this.ticks.length - 1);
  }

  close() {
    if (!this.active) return;
    this.generation++;
    this.pause();
    clearTimeout(this.mapTimer);
    this.run = null;
    this.ticks = [];
    this.banner.hidden = true;
    document.body.classList.remove('replaying');
    this.onExit();
  }

  seek(index) {
    this.index = Math.max(0, Math.min(index, this.ticks.length - 1));
    this.slider.value = this.index;
    const t = this.ticks[this.index];
    this.progress.textContent = `tick ${t.tick} · ${t.timeS?.toFixed(1) ?? '?'} s · ${this.index + 1}/${this.ticks.length}`;
    this.onFrame(this.ticks, this.index);
    this.scheduleMap(t.tick);
  }

  // Fetch the map once the slider settles; while playing, at most about once a second.
  scheduleMap(tick) {
    this.pendingTick = tick;
    clearTimeout(this.mapTimer);
    const now = performance.now();
    const overdue = this.playing && now - (this.lastMapAt ?? 0) > 1000;
    this.mapTimer = setTimeout(() => this.fetchMap(), overdue ? 0 : 300);
  }

  async fetchMap() {
    const generation = this.generation;
    const tick = this.pendingTick;
    this.lastMapAt = performance.now();
    try {
      const map = await api.map(this.run.id, tick);
      if (generation === this.generation && tick === this.pendingTick) this.onMap(map);
    } catch (e) {
      if (generation === this.generation) this.onError(e);
    }
  }

  start() {
    if (!this.ticks.length) return;
    if (this.index >= this.ticks.length - 1) this.seek(0);
    this.playing = true;
    this.play.textContent = 'Pause';
    this.play.setAttribute('aria-pressed', 'true');
    let last = performance.now();
    let clock = this.ticks[this.index].timeS ?? 0;
    // Advance by simulated time, so playback keeps the run's pace whatever the tick rate.
    const step = (now) => {
      if (!this.playing) return;
      clock += ((now - last) / 1000) * Number(this.rate.value || 1);
      last = now;
      let i = this.index;
      while (i < this.ticks.length - 1 && (this.ticks[i + 1].timeS ?? 0) <= clock) i++;
      if (i !== this.index) this.seek(i);
      if (i >= this.ticks.length - 1) this.pause();
      else this.raf = requestAnimationFrame(step);
    };
    this.raf = requestAnimationFrame(step);
  }

  pause() {
    this.playing = false;
    cancelAnimationFrame(this.raf);
    this.play.textContent = 'Play';
    this.play.setAttribute('aria-pressed', 'false');
  }
}
