// Wires the dashboard: the live connection, the run controls, the panels and replays.
import { api, connectLive } from './api.js';
import { Arena3D } from './arena3d.js';
import { Timeline, MAX } from './timeline.js';
import { CameraPanel } from './camera.js';
import { LibraryPanel, RunsPanel } from './panels.js';
import { Replay } from './replay.js';

const $ = (id) => document.getElementById(id);

const view = new Arena3D($('arena-view'));
const timeline = new Timeline($('timeline'), $('latency-chart'));
const camera = new CameraPanel({
  image: $('camera-image'), boxes: $('camera-boxes'), status: $('camera-status'), caption: $('camera-caption'),
});
const library = new LibraryPanel({ agentsList: $('agents-list'), skillsList: $('skills-list'), detail: $('item-detail'), onError: showError });
const runs = new RunsPanel({ list: $('runs-list'), onOpen: openRun, onError: showError });
const replay = new Replay({
  banner: $('replay-banner'), title: $('replay-title'), progress: $('replay-progress'), slider: $('replay-slider'),
  play: $('replay-play'), rate: $('replay-rate'), exit: $('replay-exit'),
  onLoad: loadReplay, onFrame: showReplayFrame, onMap: (map) => view.setMap(map), onExit: showLive, onError: showError,
});

// What the live connection has said, kept while a replay is on screen so going back is instant.
const live = { run: null, robots: [], trail: [], map: null, decisions: [] };
let starting = false; // a start request is on its way

// --- messages ---------------------------------------------------------------------------

// Errors stay until dismissed or until an action succeeds.
function showMessage(text) {
  $('message-text').textContent = text;
  $('message').hidden = false;
}
function showError(error) {
  showMessage(error.message || String(error));
}
function hideMessage() {
  $('message').hidden = true;
}
$('message-close').addEventListener('click', hideMessage);

// --- the arena on screen ----------------------------------------------------------------

let shownArena = null;
let arenaRequest = 0;
async function showArena(name) {
  if (!name || name === shownArena) return;
  shownArena = name;
  const request = ++arenaRequest; // only the latest request may draw
  try {
    const arena = await api.arena(name);
    if (request === arenaRequest) view.setArena(arena);
  } catch (e) {
    if (request === arenaRequest) shownArena = null;
    showError(e);
  }
}

// --- the live run -----------------------------------------------------------------------

const isLive = () => live.run !== null && live.run.state !== 'finished';

function applyRun(run) {
  const previous = live.run;
  // Finished is final: a control request's answer can arrive after the run's end message.
  if (run && previous && previous.id === run.id && previous.state === 'finished' && run.state !== 'finished') return;
  const isNew = run && (!previous || previous.id !== run.id);
  live.run = run ? { ...run } : null;
  if (isNew) {
    Object.assign(live, { robots: [], trail: [], map: null, decisions: [] });
    if (!replay.active) {
      timeline.reset();
      view.clearRobots();
      view.setTrail([]);
      view.setMap(null);
      camera.reset();
      showArena(run.arena);
    }
    // The path and map so far, rather than waiting for the next map message.
    api.map(run.id).then(applyMap, () => {});
    runs.refresh();
  } else if (run && previous && previous.state !== run.state && run.state === 'finished') {
    runs.refresh();
  }
  if (run && run.speed != null && document.activeElement !== $('run-speed')) $('run-speed').value = run.speed;
  // The controls show what the live run is, so "Start" after it begins from the same choice.
  if (run && isNew) {
    for (const [id, value] of [['run-agent', run.agent], ['run-arena', run.arena], ['run-seed', run.seed]]) {
      const input = $(id);
      if (value != null && (input.tagName !== 'SELECT' || [...input.options].some((o) => o.value === String(value)))) {
        input.value = value;
      }
    }
  }
  updateRunControls();
}

function updateRunControls() {
  const run = live.run;
  const state = run ? run.state : 'idle';
  $('run-state').textContent = state;
  $('run-state').dataset.state = state;
  if (run) {
    const time = `${(run.timeS ?? 0).toFixed(1)} / ${run.durationS ?? '?'} s`;
    const outcome = run.outcome ? ` · ${run.outcome}` : '';
    $('run-info').textContent = `${run.id} · ${run.agent} in ${run.arena} · ${time} · tick ${run.tick ?? 0} · ×${run.speed ?? '?'}${outcome}`;
  } else {
    $('run-info').textContent = 'no live run';
  }
  $('run-start').disabled = isLive() || starting;
  $('run-pause').disabled = state !== 'running';
  $('run-resume').disabled = state !== 'paused';
  $('run-stop').disabled = !isLive();
}

// A message for a run we have not heard start (a run message skipped): ask the server.
let resyncing = false;
function resync() {
  if (resyncing) return;
  resyncing = true;
  api.status().then((status) => applyRun(status.live), () => {}).finally(() => { resyncing = false; });
}

function onState(message) {
  if (!live.run || message.run !== live.run.id) {
    resync();
    return;
  }
  Object.assign(live.run, { tick: message.tick, timeS: message.timeS });
  live.robots = message.robots ?? [];
  const robot = live.robots[0];
  if (robot) {
    // Between map messages the path grows from the poses themselves.
    const last = live.trail[live.trail.length - 1];
    if (!last || Math.hypot(robot.x - last[0], robot.y - last[1]) > 0.005) live.trail.push([robot.x, robot.y]);
  }
  const newest = live.decisions.length ? live.decisions[live.decisions.length - 1].tick : -1;
  live.decisions.push(...(message.decisions ?? []).filter((d) => d.tick > newest));
  if (live.decisions.length > MAX) live.decisions.splice(0, live.decisions.length - MAX);
  if (message.dropped) $('connection').title = `skipped ${message.dropped} messages since it connected (slow to read)`;
  updateRunControls();
  if (replay.active) return; // a replay owns the view
  view.setRobots(live.robots);
  view.setTrail(live.trail);
  timeline.merge(message.decisions ?? []);
  showPose(robot);
}

function applyMap(map) {
  if (!live.run || (map.run && map.run !== live.run.id)) return;
  if (live.map && map.tick < live.map.tick) return; // the fetched first map can come after a newer message
  live.map = map;
  live.trail = (map.trail ?? []).map(([x, y]) => [x, y]);
  if (replay.active) return;
  view.setMap(map);
  view.setTrail(live.trail);
}

function onCamera(message) {
  if (replay.active || !live.run || message.run !== live.run.id) return;
  camera.show(message);
}

function showPose(robot, note = '') {
  const pose = $('robot-pose');
  if (!robot) {
    pose.textContent = 'no robot';
    for (const key of ['x', 'y', 'heading']) delete pose.dataset[key];
    return;
  }
  pose.dataset.x = robot.x;
  pose.dataset.y = robot.y;
  pose.dataset.heading = robot.headingRad;
  const degrees = (robot.headingRad * 180) / Math.PI;
  const parts = [
    `x ${robot.x.toFixed(2)} m`, `y ${robot.y.toFixed(2)} m`,
    `heading ${degrees.toFixed(0)}° (${robot.headingRad.toFixed(2)} rad)`,
  ];
  if (robot.collisions != null) parts.push(`${robot.collisions} collisions`);
  if (robot.nearestRangeM != null) parts.push(`nearest ${robot.nearestRangeM.toFixed(2)} m`);
  pose.textContent = note + parts.join(' · ');
}

connectLive({
  onOpen: () => setConnection('connected'),
  onClose: () => setConnection('disconnected'),
  onMessage: (message) => {
    switch (message.type) {
      case 'hello': applyRun(message.run); break;
      case 'run': applyRun(message); break;
      case 'state': onState(message); break;
      case 'map': applyMap(message); break;
      case 'camera': onCamera(message); break;
      default: break; // newer servers may send more; nothing to do with them here
    }
  },
});

function setConnection(state) {
  $('connection').textContent = state;
  $('connection').dataset.state = state;
}

// --- run controls -----------------------------------------------------------------------

$('run-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const agent = $('run-agent').value;
  const arena = $('run-arena').value;
  if (!agent || !arena) {
    showMessage('Pick an agent and an arena first.');
    return;
  }
  const body = { agent, arena };
  const speed = $('run-speed').valueAsNumber;
  const seed = $('run-seed').valueAsNumber;
  if (Number.isFinite(speed)) body.speed = speed;
  if (Number.isFinite(seed)) body.seed = Math.trunc(seed);
  starting = true;
  updateRunControls();
  try {
    const run = await api.startRun(body);
    hideMessage();
    replay.close();
    applyRun(run);
  } catch (e) {
    showError(e);
  } finally {
    starting = false;
    updateRunControls();
  }
});

for (const action of ['pause', 'resume', 'stop']) {
  $(`run-${action}`).addEventListener('click', async () => {
    if (!live.run) return;
    try {
      applyRun(await api.runAction(live.run.id, action));
      hideMessage();
    } catch (e) {
      showError(e);
    }
  });
}

$('run-speed').addEventListener('change', async () => {
  const speed = $('run-speed').valueAsNumber;
  if (!isLive() || !Number.isFinite(speed)) return;
  try {
    applyRun(await api.setSpeed(live.run.id, speed));
    hideMessage();
  } catch (e) {
    showError(e);
  }
});

// With nothing live, the arena picked for the next run is shown.
$('run-arena').addEventListener('change', () => {
  if (!isLive() && !replay.active) showArena($('run-arena').value);
});

$('map-toggle').addEventListener('change', (event) => view.setMapVisible(event.target.checked));

// --- runs and replay --------------------------------------------------------------------

function openRun(run) {
  if (run.live) {
    replay.close();
    return;
  }
  runs.select(run.id);
  replay.open(run);
}

async function loadReplay(arena) {
  view.clearRobots();
  view.setTrail([]);
  view.setMap(null);
  timeline.reset();
  camera.reset('Camera frames are not recorded; a replay shows poses, decisions and the map.');
  await showArena(arena);
}

function showReplayFrame(ticks, index) {
  const t = ticks[index];
  const robot = { id: 'replay', x: t.x, y: t.y, headingRad: t.headingRad, collisions: t.collisions };
  view.setRobots([robot]);
  view.setTrail(ticks.slice(0, index + 1).map((p) => [p.x, p.y]));
  timeline.reset(ticks.slice(Math.max(0, index - MAX + 1), index + 1));
  showPose(robot, `replay tick ${t.tick}: `);
}

function showLive() {
  runs.select(null);
  showArena(live.run ? live.run.arena : $('run-arena').value);
  view.setRobots(live.robots);
  view.setTrail(live.trail);
  view.setMap(live.map);
  timeline.reset(live.decisions);
  camera.reset();
  showPose(live.robots[0]);
}

$('runs-refresh').addEventListener('click', () => runs.refresh());

// --- start-up ---------------------------------------------------------------------------

function fillSelect(select, names) {
  select.replaceChildren(...names.map((name) => new Option(name, name)));
}

updateRunControls();
library.load().then(
  (agents) => fillSelect($('run-agent'), agents.filter((a) => a.kind === 'robot').map((a) => a.name)),
  showError,
);
api.arenas().then((arenas) => {
  fillSelect($('run-arena'), arenas.map((a) => a.name));
  if (!live.run && !replay.active) showArena($('run-arena').value);
}, showError);
runs.refresh();
