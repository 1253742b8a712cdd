// Drives `llmos mcp` with the official MCP TypeScript SDK client, as an MCP host would, and
// prints one JSON object of what it saw; McpServerIT asserts on it.
// Usage: node client.mjs LAUNCHER WORKSPACE
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

const [launcher, workspace] = process.argv.slice(2);
const transport = new StdioClientTransport({
  command: "bash",
  args: [launcher, "mcp"],
  env: { ...process.env, LLMOS_WORKSPACE: workspace },
  stderr: "inherit",
});
const client = new Client({ name: "llmos-mcp-it", version: "1.0.0" });
await client.connect(transport);

async function call(name, args) {
  const r = await client.callTool({ name, arguments: args });
  return {
    isError: r.isError === true,
    text: (r.content ?? []).map((c) => c.text ?? "").join("\n"),
    data: r.structuredContent ?? null,
  };
}

const agent = `---
name: mcp-wanderer
description: Wanders a room without bumping into things; written over MCP by a test.
kind: robot
version: 1
origin: created
runtime:
  goal: avoid_obstacles
  instinct:
    mode: rules
  planner:
    mode: classical
  params:
    cruise_mps: 0.15
    safe_distance_m: 0.25
  rules:
    - "if bumper == true then backward(0.1)"
    - "if front_m < safe_distance_m then rotate(1.57)"
    - "if always then forward(cruise_mps)"
---
# mcp-wanderer

You drive a small robot around a room and keep clear of everything.
`;

const skill = `---
name: mcp-tidying
description: Tidy a workspace's notes after a run; written over MCP by a test.
---
# Tidying

Collect the run's notes and file them.
`;

const out = {};
out.server = client.getServerVersion();
out.tools = (await client.listTools()).tools.map((t) => ({
  name: t.name,
  description: t.description ?? "",
  schemaType: t.inputSchema?.type ?? null,
  properties: Object.keys(t.inputSchema?.properties ?? {}),
  required: t.inputSchema?.required ?? [],
}));

out.listAgents = await call("list_agents", {});
out.validateAgent = await call("validate_agent", { text: agent });
out.validateBroken = await call("validate_agent", {
  text: agent.replace("kind: robot", "kind: spaceship"),
});
out.writeAgent = await call("write_agent", { text: agent, message: "for the MCP test" });
out.readAgent = await call("read_agent", { name: "mcp-wanderer" });
out.writeAgentAgain = await call("write_agent", { text: agent });
out.writeSystem = await call("write_agent", {
  text: agent.replace("mcp-wanderer", "mcp-system"),
  volume: "system",
});

out.listSkills = await call("list_skills", {});
out.validateSkill = await call("validate_skill", { text: skill });
out.writeSkill = await call("write_skill", { text: skill, volume: "team" });
out.readSkill = await call("read_skill", { name: "mcp-tidying" });
out.searchSkills = await call("search_skills", { query: "don't bump into things" });

out.runAgent = await call("run_simulation", {
  agent: "explorer",
  arena: "office",
  duration_s: 20,
  seed: 3,
});
out.readRun = out.runAgent.isError
  ? null
  : await call("read_run", { run_id: out.runAgent.data.run_id, excerpt: 3 });
out.queryMemory = await call("query_memory", { query: "explorer office", limit: 5 });
out.logMemory = await call("log_memory", {
  agent: "system-agent",
  goal: "map the office for the tests",
  outcome: "explorer mapped it in one run",
  success: 1,
  notes: "Lesson: twenty seconds is enough for a first look.",
});
out.recall = await call("query_memory", { query: "map the office for the tests", limit: 3 });
out.logMemoryBad = await call("log_memory", { agent: "system-agent", goal: "x", outcome: "y", success: 2 });

// Five successful uses qualify a user agent for the team volume (kernel evolution-rules).
out.uses = [];
for (let seed = 1; seed <= 5; seed++) {
  const r = await call("run_simulation", {
    agent: "mcp-wanderer",
    arena: "empty-room",
    duration_s: 5,
    seed,
  });
  out.uses.push({ isError: r.isError, text: r.isError ? r.text : "", outcome: r.data?.outcome });
}
out.candidates = await call("list_promotion_candidates", {});
out.promote = await call("promote", { name: "mcp-wanderer", kind: "agent" });
out.promoteSystemItem = await call("promote", { name: "explorer" });
out.createAgent = await call("create_agent", { description: "avoid walls" });
out.createUnsupported = await call("create_agent", { description: "make me a sandwich" });

// Invalid arguments: each an error result naming the argument; the session goes on.
out.missingRequired = await call("read_agent", {});
out.wrongType = await call("run_simulation", { agent: "explorer", duration_s: "long" });
out.outOfRange = await call("run_simulation", { agent: "explorer", duration_s: 601 });
out.unknownArgument = await call("list_agents", { verbose: true });
out.pathAsName = await call("read_agent", { name: "../../etc/passwd" });
out.runIdAsPath = await call("read_run", { run_id: "../runs" });
out.notRobot = await call("run_simulation", { agent: "planner" });

const resources = (await client.listResources()).resources;
out.resources = resources.map((r) => ({ uri: r.uri, name: r.name, mimeType: r.mimeType }));
const safety = await client.readResource({ uri: "llmos://kernel/safety-rules" });
out.safetyRules = safety.contents.map((c) => ({ uri: c.uri, mimeType: c.mimeType, text: c.text }));

await client.close();
process.stdout.write(JSON.stringify(out) + "\n");
