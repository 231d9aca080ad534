// An editor's view of a case file: yaml-language-server (the engine behind the YAML
// extensions of VS Code, Neovim, Helix and Zed), started over stdio as an editor starts
// it, opens a case whose first line names the schema (the modeline `casefile new`
// writes) with one key misspelt.
//
//   CASEFILE_NODE_DIR=DIR node yaml_ls_check.mjs CASE_YAML
//
// It must report the misspelt key as a diagnostic on its line, and hovering the key it
// should have been must show the schema's description of it. Exit status 1 otherwise.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { spawn } from "node:child_process";
import { createRequire } from "node:module";

const nodeDir = process.env.CASEFILE_NODE_DIR || process.cwd();
const require = createRequire(join(resolve(nodeDir), "package.json"));
const server = require.resolve("yaml-language-server/bin/yaml-language-server");

const file = resolve(process.argv[2]);
const original = readFileSync(file, "utf8");
if (!original.startsWith("# yaml-language-server: $schema=")) {
  console.log(`${file}: no schema modeline on the first line`);
  process.exit(1);
}
// Misspell `docket:` in the `case:` mapping; keep everything else as it is.
const lines = original.split("\n");
const at = lines.findIndex((l) => /^  docket:/.test(l));
if (at < 0) {
  console.log(`${file}: no \`docket:\` line to misspell`);
  process.exit(1);
}
lines[at] = lines[at].replace("docket:", "dokcet:");
const text = lines.join("\n");
const uri = pathToFileURL(file).href;

const proc = spawn(process.execPath, [server, "--stdio"], { stdio: ["pipe", "pipe", "inherit"] });
let buffer = Buffer.alloc(0);
let nextId = 1;
const pending = new Map();
const waiters = [];

function send(msg) {
  const body = Buffer.from(JSON.stringify({ jsonrpc: "2.0", ...msg }), "utf8");
  proc.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
  proc.stdin.write(body);
}
function request(method, params) {
  const id = nextId++;
  send({ id, method, params });
  return new Promise((res) => pending.set(id, res));
}
function notify(method, params) {
  send({ method, params });
}
proc.stdout.on("data", (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  for (;;) {
    const head = buffer.indexOf("\r\n\r\n");
    if (head < 0) return;
    const length = Number(/Content-Length: (\d+)/i.exec(buffer.slice(0, head).toString())[1]);
    if (buffer.length < head + 4 + length) return;
    const msg = JSON.parse(buffer.slice(head + 4, head + 4 + length).toString("utf8"));
    buffer = buffer.slice(head + 4 + length);
    if (msg.id !== undefined && pending.has(msg.id)) {
      pending.get(msg.id)(msg.result);
      pending.delete(msg.id);
    } else if (msg.id !== undefined && msg.method) {
      // A request from the server (configuration, capability registration).
      const result = msg.method === "workspace/configuration"
        ? msg.params.items.map(() => ({ validate: true, hover: true, completion: true, schemaStore: { enable: false } }))
        : null;
      send({ id: msg.id, result });
    } else if (msg.method) {
      for (const w of waiters.slice()) w(msg);
    }
  }
});
function waitFor(pred, ms) {
  return new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error("timed out")), ms);
    waiters.push(function w(msg) {
      if (pred(msg)) {
        clearTimeout(timer);
        waiters.splice(waiters.indexOf(w), 1);
        res(msg);
      }
    });
  });
}

const problems = [];
try {
  await request("initialize", {
    processId: process.pid,
    rootUri: pathToFileURL(resolve(file, "../../..")).href,
    capabilities: { textDocument: { hover: { contentFormat: ["markdown", "plaintext"] } }, workspace: { configuration: true } },
  });
  notify("initialized", {});
  notify("workspace/didChangeConfiguration", {
    settings: { yaml: { validate: true, hover: true, completion: true, schemaStore: { enable: false } } },
  });
  const published = waitFor(
    (m) => m.method === "textDocument/publishDiagnostics" && m.params.uri === uri && m.params.diagnostics.length > 0,
    30000,
  );
  notify("textDocument/didOpen", { textDocument: { uri, languageId: "yaml", version: 1, text } });
  const diags = (await published).params.diagnostics;
  const hit = diags.find((d) => d.range.start.line === at && /dokcet/.test(d.message));
  if (!hit) {
    problems.push(`no diagnostic for the misspelt key on line ${at + 1}; got: ${diags.map((d) => `${d.range.start.line + 1}: ${d.message}`).join(" | ")}`);
  } else {
    console.log(`diagnostic on line ${at + 1}: ${hit.message}`);
  }
  // Hover the key it should have been (the line after is unchanged text).
  const judge = lines.findIndex((l) => /^  court:/.test(l));
  const hover = await request("textDocument/hover", { textDocument: { uri }, position: { line: judge, character: 3 } });
  // Markdown escapes aside (the server escapes backticks), the words are the schema's.
  const shown = JSON.stringify(hover?.contents ?? "").replace(/\\+/g, "");
  const schema = JSON.parse(readFileSync(resolve(file, "../../../docs/case.schema.json"), "utf8"));
  const described = schema.properties.case.properties.court.description;
  if (!described || !shown.includes(described.replace(/\\/g, "").slice(0, 60))) {
    problems.push(`hovering \`court\` does not show the schema's description; got ${shown.slice(0, 200)}`);
  } else {
    console.log(`hover on \`court\`: ${described.slice(0, 60)}…`);
  }
} catch (e) {
  problems.push(`yaml-language-server: ${e.message}`);
}
proc.kill();
for (const p of problems) console.log(p);
process.exit(problems.length ? 1 : 0);
