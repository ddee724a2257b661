// devtools.browser: the real Redux DevTools web UI, in headless Chromium (Debian's
// chromium, driven by puppeteer-core), connects to the server and lists the C++
// application's actions; its Jump and Skip buttons change the application's model.
// Saves a screenshot.   node browser_check.mjs <devtools_todo> [screenshot.png]
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { check, fail, freePort, here, kill, log, sleep, startApp, startServer, waitFor } from './harness.mjs';

const require = createRequire(path.join(here, 'package.json'));
const puppeteer = require('puppeteer-core');
const binary = process.argv[2] || fail('usage: node browser_check.mjs <devtools_todo> [screenshot.png]');
const screenshot = process.argv[3];
const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find(existsSync);
if (!chromium) {
  console.log('devtools.browser: SKIPPED: no chromium (Debian: apt-get install chromium)');
  process.exit(77);
}

const port = await freePort();
const server = await startServer(port);
const app = startApp(binary, ['--devtools', `127.0.0.1:${port}`]);
for (const line of ['add write the bridge', 'add test it against the real server', 'add take a screenshot', 'toggle 1',
  'toggle 2', 'filter active']) app.send(line);
await app.next(/^state: .*\| active$/, 'the application ran its actions', 0);

const browser = await puppeteer.launch({ executablePath: chromium, headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1200, height: 720 });
  await page.goto(`http://127.0.0.1:${port}`, { waitUntil: 'networkidle0', timeout: 30000 });
  const clickButton = (text) => page.evaluate((text) => {
    const b = [...document.querySelectorAll('button')].find((e) => e.innerText.trim() === text);
    if (b) b.click();
    return !!b;
  }, text);
  const bodyText = () => page.evaluate(() => document.body.innerText);

  // Settings -> Connection -> use local (custom) server -> hostname, port -> Connect.
  check(await clickButton('Settings'), 'UI: Settings');
  await page.waitForSelector('input[name=root_type][value="1"]', { timeout: 10000 });
  await page.click('input[name=root_type][value="1"]');
  await page.waitForSelector('input[name=root_hostname]', { timeout: 10000 });
  const setField = async (selector, value) => {
    await page.click(selector, { clickCount: 3 });
    await page.keyboard.press('Backspace');
    await page.type(selector, String(value));
  };
  await setField('input[name=root_hostname]', '127.0.0.1');
  await setField('input[name=root_port]', port);
  const secure = await page.$('input[name=root_secure]');
  if (secure && (await page.evaluate((e) => e.checked, secure))) await secure.click();
  check(await clickButton('Connect'), 'UI: Connect to the local server');
  await sleep(500);
  check(await clickButton('Actions'), 'UI: back to Actions');

  // The application's actions appear in the inspector's list.
  const wanted = ['@@INIT', 'addTodo', 'toggleTodo', 'setFilter'];
  const start = Date.now();
  for (;;) {
    const text = await bodyText();
    if (wanted.every((w) => text.includes(w))) break;
    if (Date.now() - start > 20000) fail(`the UI does not list the actions; it shows:\n${text.slice(0, 800)}`);
    await sleep(200);
  }
  check(true, `UI lists the C++ application's actions (${wanted.join(', ')}) after ${Date.now() - start} ms`);

  // The inspector's per-action buttons (shown on hover; a click works without).
  const jumpOrSkip = (label, name) => page.evaluate((label, name) => {
    const rows = [...document.querySelectorAll('div')].filter((d) =>
      [...d.querySelectorAll('div')].some((c) => c.innerText?.trim() === name) &&
      [...d.querySelectorAll('div')].some((c) => c.innerText?.trim() === label));
    rows.sort((a, b) => a.querySelectorAll('*').length - b.querySelectorAll('*').length);
    const row = rows[0];
    if (!row) return false;
    const button = [...row.querySelectorAll('div')].find((c) => c.innerText?.trim() === label);
    button.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    return true;
  }, label, name);

  let mark = app.lines.length;
  check(await jumpOrSkip('Jump', 'addTodo'), 'UI: Jump on the first addTodo');
  const first = await app.next(/^state: /, 'the application follows the UI\'s Jump', mark);
  check(first === 'state: write the bridge(1) | all', `UI Jump: the application shows "${first}"`);
  // Jump to the last action, then Skip the first toggle: the application replays
  // without it. The skipped action shows struck through.
  mark = app.lines.length;
  check(await jumpOrSkip('Jump', 'setFilter'), 'UI: Jump on setFilter');
  let line = await app.next(/^state: /, 'the application follows the UI\'s Jump', mark);
  check(line === 'state: [x]write the bridge(1) [x]test it against the real server(2) take a screenshot(3) | active',
    `UI Jump to the end: "${line}"`);
  mark = app.lines.length;
  check(await jumpOrSkip('Skip', 'toggleTodo'), 'UI: Skip on the first toggleTodo');
  line = await app.next(/^state: /, 'the application follows the UI\'s Skip', mark);
  check(line === 'state: write the bridge(1) [x]test it against the real server(2) take a screenshot(3) | active',
    `UI Skip: the application replays without it: "${line}"`);
  // The State tab of the monitor: the model after the selected action.
  await page.evaluate(() => {
    const tab = [...document.querySelectorAll('button, div, span')].find((e) => e.childElementCount === 0 &&
      e.innerText?.trim() === 'State');
    tab?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
  });
  await sleep(700);
  if (screenshot) {
    await page.screenshot({ path: screenshot });
    log(`screenshot: ${screenshot}`);
  }
  // Revert (ROLLBACK): back to the committed (initial) model.
  mark = app.lines.length;
  check(await clickButton('Revert'), 'UI: Revert');
  line = await app.next(/^state: /, 'the application follows the UI\'s Revert', mark);
  check(line === 'state: | all', `UI Revert: "${line}"`);
} finally {
  await browser.close();
  await app.quit();
  await kill(server);
}
log('devtools.browser: all checks passed');
process.exit(0);
