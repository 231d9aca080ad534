// Browser checks of the rendered site, in Debian's Chromium driven by playwright-core.
//
//   CASEFILE_NODE_DIR=DIR node browser_check.mjs SITE_DIR [--xss XSS_SITE_DIR] [--shots DIR]
//
// SITE_DIR: every page is opened from file:// (no server, no JavaScript needed) and
//   checked with axe-core; any serious or critical violation fails.
// --xss: a site rendered from cases whose every text field and body holds payloads; every
//   page is opened with the Content-Security-Policy bypassed (escaping alone must hold)
//   and must run no script, contain no injected element or handler, and use no id twice.
// Layout: every page of SITE_DIR at 390 px (a phone) and 1280 px wide must fit the
//   viewport (no horizontal scroll of the page; a wide table or the timeline scrolls in its
//   own box), and the timeline's labels must stay readable (at least 10 px tall).
// Dark mode: every page again with prefers-color-scheme: dark, checked with axe (its
//   colour-contrast rule included).
// --shots: screenshots of the index, the brief (screen and print media, light and dark,
//   desktop and phone) and the chronology's timeline, and the brief printed to PDF
//   (brief.pdf) for page checks.
// Exit status 1 on any failure; one line per problem.
import { readFileSync, readdirSync, statSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { createRequire } from "node:module";

// Modules come from the folder .ci/run installs them into (CASEFILE_NODE_DIR).
const nodeDir = process.env.CASEFILE_NODE_DIR || process.cwd();
const require = createRequire(join(resolve(nodeDir), "package.json"));
const { chromium } = require("playwright-core");
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const args = process.argv.slice(2);
const site = resolve(args[0]);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? resolve(args[i + 1]) : null;
};
const xssSite = opt("--xss");
const shots = opt("--shots");

function pages(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...pages(p));
    else if (name.endsWith(".html")) out.push(p);
  }
  return out;
}

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
});
const problems = [];

async function axePage(page, file) {
  await page.goto(pathToFileURL(file).href);
  // axe is injected by the test through the DevTools protocol: the page's own CSP
  // (no scripts at all) still applies to the page.
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () =>
    await globalThis.axe.run(document, { resultTypes: ["violations"] }));
  for (const v of result.violations) {
    if (v.impact === "serious" || v.impact === "critical") {
      const where = v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ");
      problems.push(`axe ${v.impact} ${v.id} in ${file}: ${v.help} (${where})`);
    }
  }
}

const context = await browser.newContext({ bypassCSP: true });
const sitePages = pages(site);
for (const file of sitePages) {
  const page = await context.newPage();
  await axePage(page, file);
  await page.close();
}
console.log(`axe: ${sitePages.length} pages checked`);

// No page wider than the screen, at a phone's width and a laptop's.
for (const width of [390, 1280]) {
  const ctx = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await ctx.newPage();
  let smallest = Infinity;
  for (const file of sitePages) {
    await page.goto(pathToFileURL(file).href);
    const m = await page.evaluate(() => {
      const over = document.documentElement.scrollWidth - window.innerWidth;
      let culprit = "";
      if (over > 0) {
        for (const el of document.querySelectorAll("main *")) {
          const r = el.getBoundingClientRect();
          if (r.right > window.innerWidth + 1) { culprit = `${el.tagName.toLowerCase()}.${el.className}`; break; }
        }
      }
      const labels = [...document.querySelectorAll("svg.timeline text")]
        .map((t) => t.getBoundingClientRect().height).filter((h) => h > 0);
      return { over, culprit, label: labels.length ? Math.min(...labels) : Infinity };
    });
    if (m.over > 0) problems.push(`layout ${width}px: ${file} is ${m.over}px wider than the screen (${m.culprit})`);
    if (m.label < 10) problems.push(`layout ${width}px: ${file}: timeline labels ${m.label.toFixed(1)}px tall`);
    smallest = Math.min(smallest, m.label);
  }
  await ctx.close();
  console.log(`layout ${width}px: ${sitePages.length} pages fit; smallest timeline label ${smallest.toFixed(1)}px`);
}

// The dark theme follows the reader's setting; axe checks its contrast.
const dark = await browser.newContext({ bypassCSP: true, colorScheme: "dark" });
for (const file of sitePages) {
  const page = await dark.newPage();
  await axePage(page, file);
  await page.close();
}
await dark.close();
console.log(`axe (dark): ${sitePages.length} pages checked`);

if (xssSite) {
  // CSP bypassed: the page's own policy would block scripts anyway; escaping must hold
  // without it.
  const strict = await browser.newContext({ bypassCSP: true });
  const xssPages = pages(xssSite);
  for (const file of xssPages) {
    const page = await strict.newPage();
    const events = [];
    page.on("dialog", async (d) => { events.push(`dialog: ${d.message()}`); await d.dismiss(); });
    page.on("console", (m) => { if (/xss/i.test(m.text())) events.push(`console: ${m.text()}`); });
    await page.goto(pathToFileURL(file).href);
    await page.waitForTimeout(50);
    const found = await page.evaluate(() => {
      const bad = [];
      if (globalThis.__xss !== undefined) bad.push("window.__xss was set");
      const ids = new Map();
      for (const el of document.querySelectorAll("[id]")) ids.set(el.id, (ids.get(el.id) || 0) + 1);
      for (const [id, n] of ids) if (n > 1) bad.push(`id "${id}" used ${n} times`);
      for (const el of document.querySelectorAll("*")) {
        const tag = el.tagName.toLowerCase();
        if (["script", "iframe", "object", "embed", "img", "form", "input", "base", "meta[http-equiv=refresh]"].includes(tag)) bad.push(`<${tag}> element`);
        if (tag === "svg" && !el.classList.contains("timeline")) bad.push("injected <svg>");
        for (const a of el.attributes) {
          if (/^on/i.test(a.name)) bad.push(`${tag}[${a.name}]`);
          if (/^\s*(javascript|data|vbscript):/i.test(a.value) && ["href", "src", "action", "formaction", "xlink:href"].includes(a.name)) bad.push(`${tag}[${a.name}=${a.value.slice(0, 30)}]`);
        }
      }
      return bad;
    });
    for (const f of found.concat(events)) problems.push(`xss: ${file}: ${f}`);
    await page.close();
  }
  console.log(`xss: ${xssPages.length} pages opened with hostile data`);
}

if (shots) {
  mkdirSync(shots, { recursive: true });
  const view = await browser.newContext({ viewport: { width: 1100, height: 1400 } });
  const page = await view.newPage();
  const brief = sitePages.find((p) => p.endsWith(join("jedi-protest", "brief.html")));
  const index = join(site, "index.html");
  const chrono = sitePages.find((p) => p.endsWith(join("jedi-protest", "chronology.html")));
  await page.goto(pathToFileURL(index).href);
  await page.screenshot({ path: join(shots, "index.png") });
  await page.goto(pathToFileURL(brief).href);
  await page.screenshot({ path: join(shots, "brief-screen.png") });
  await page.emulateMedia({ media: "print" });
  await page.screenshot({ path: join(shots, "brief-print.png") });
  await page.emulateMedia({ media: "screen" });
  await page.goto(pathToFileURL(chrono).href);
  const svg = await page.$("svg.timeline");
  if (svg) await svg.screenshot({ path: join(shots, "timeline.png") });
  else problems.push("no timeline SVG on the chronology page");
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
  const small = await phone.newPage();
  await small.goto(pathToFileURL(index).href);
  await small.screenshot({ path: join(shots, "index-phone.png") });
  await small.goto(pathToFileURL(chrono).href);
  await small.screenshot({ path: join(shots, "chronology-phone.png") });
  const night = await browser.newContext({ viewport: { width: 1100, height: 1400 }, colorScheme: "dark" });
  const darkPage = await night.newPage();
  await darkPage.goto(pathToFileURL(brief).href);
  await darkPage.screenshot({ path: join(shots, "brief-dark.png") });
  await page.goto(pathToFileURL(brief).href);
  await page.emulateMedia({ media: "print" });
  await page.pdf({ path: join(shots, "brief.pdf"), preferCSSPageSize: true, printBackground: false });
  console.log(`screenshots and brief.pdf written to ${shots}`);
}

await browser.close();
for (const p of problems) console.log(p);
process.exit(problems.length ? 1 : 0);
