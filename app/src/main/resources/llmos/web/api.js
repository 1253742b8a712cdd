// Talks to the dashboard server (docs/api.md): same-origin REST calls and the live WebSocket.
// The server may require a token; it travels in the llmos_token cookie, hence 'same-origin'.

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function request(method, path, body) {
  const init = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
  if (method === 'POST') {
    // The server refuses a POST that is not JSON (415), so always send a JSON body.
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body ?? {});
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, `${method} ${path}: server not reachable`);
  }
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON: keep the status line as the message below.
  }
  if (!response.ok) {
    const why = data && data.error ? data.error : `${response.status} ${response.statusText}`;
    throw new ApiError(response.status, why);
  }
  return data;
}

const enc = encodeURIComponent;

export const api = {
  status: () => request('GET', '/api/status'),
  agents: () => request('GET', '/api/agents'),
  agent: (name) => request('GET', `/api/agents/${enc(name)}`),
  skills: () => request('GET', '/api/skills'),
  skill: (name) => request('GET', `/api/skills/${enc(name)}`),
  arenas: () => request('GET', '/api/arenas'),
  arena: (name) => request('GET', `/api/arenas/${enc(name)}`),
  runs: () => request('GET', '/api/runs'),
  run: (id) => request('GET', `/api/runs/${enc(id)}`),
  ticks: (id, from, to) => request('GET', `/api/runs/${enc(id)}/ticks?from=${from}&to=${to}&step=1`),
  map: (id, tick) => request('GET', `/api/runs/${enc(id)}/map` + (tick == null ? '' : `?tick=${tick}`)),
  startRun: (body) => request('POST', '/api/runs', body),
  runAction: (id, action) => request('POST', `/api/runs/${enc(id)}/${action}`, {}),
  setSpeed: (id, speed) => request('POST', `/api/runs/${enc(id)}/speed`, { speed }),
};

// The server only sends; it closes a client that has not read for 10 s. Reconnect with a
// backoff that starts short (a server restart) and grows to 10 s (a server that is gone).
export function connectLive({ onMessage, onOpen, onClose }) {
  const url = (location.protocol === 'https:' ? 'wss' : 'ws') + '://' + location.host + '/api/live';
  let delay = 500;
  const open = () => {
    const socket = new WebSocket(url);
    socket.onopen = () => {
      delay = 500;
      onOpen();
    };
    socket.onmessage = (event) => {
      let message;
      try {
        message = JSON.parse(event.data);
      } catch {
        return; // A message that is not JSON carries nothing for us.
      }
      if (message && typeof message.type === 'string') onMessage(message);
    };
    socket.onclose = () => {
      onClose();
      setTimeout(open, delay);
      delay = Math.min(delay * 2, 10000);
    };
  };
  open();
}
