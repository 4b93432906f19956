// WebKitGTK from Debian: its MiniBrowser in automation mode, through WebKitWebDriver and
// selenium-webdriver. It needs a display: without one, an Xvfb of its own on a free display.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { Builder, Key } from 'selenium-webdriver';
import { fileWriter, findInWidget } from './index.mjs';

/** libwebkit2gtk-4.1-0 ships MiniBrowser under /usr/lib/<multiarch triplet>/. */
function miniBrowser() {
  const found = readdirSync('/usr/lib').map((dir) => `/usr/lib/${dir}/webkit2gtk-4.1/MiniBrowser`).find(existsSync);
  if (!found) throw new Error('no /usr/lib/*/webkit2gtk-4.1/MiniBrowser: scripts/setup.sh browser installs it');
  return found;
}
const keys = { Tab: Key.TAB, Enter: Key.ENTER, Space: Key.SPACE, ArrowDown: Key.ARROW_DOWN, Home: Key.HOME };

export async function launch() {
  const stopping = [];
  const stopAll = async () => {
    for (const stop of stopping.splice(0).reverse()) await stop();
  };
  try {
    const binary = miniBrowser();
    let display = process.env.DISPLAY;
    if (!display) {
      const xvfb = await startXvfb();
      stopping.push(() => stop(xvfb.child));
      display = xvfb.display;
    }
    const port = await freePort();
    // LANG gives the browser its language (en-US), as a customer's system would.
    const driver = spawn('/usr/bin/WebKitWebDriver', [`--port=${port}`], {
      stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, DISPLAY: display, LANG: 'en_US.UTF-8' },
    });
    let log = '';
    driver.stderr.on('data', (chunk) => { log = (log + chunk).slice(-4000); });
    stopping.push(() => stop(driver));
    const server = `http://127.0.0.1:${port}`;
    await waitUntilAnswering(server, driver, () => log);
    const files = fileWriter();
    stopping.push(() => files.removeAll());
    return {
      async open(url) {
        // A session per page: its own MiniBrowser, with storage of its own.
        const session = await new Builder().usingServer(server).withCapabilities({
          browserName: 'MiniBrowser',
          'webkitgtk:browserOptions': { binary, args: ['--automation'] },
        }).build().catch((e) => { throw new Error(`no WebKit session: ${e.message}\n${log}`); });
        await session.manage().window().setRect({ width: 1000, height: 900 });
        await session.get(url);
        const element = (selector) => session.executeScript(findInWidget, selector);
        const actions = () => session.actions();
        return {
          evaluate: (fn, arg) => session.executeScript(fn, arg),
          async click(selector) {
            // A pointer click at the element's centre: WebKitWebDriver's Element Click calls a
            // click on a text input inside a shadow root "intercepted", though nothing covers it.
            const el = await element(selector);
            await session.executeScript((el) => el.scrollIntoView({ block: 'center' }), el);
            await actions().move({ origin: el }).click().perform();
          },
          setFiles: async (selector, list) => (await element(selector)).sendKeys(files.paths(list).join('\n')),
          keyboard: {
            press: (key) => actions().sendKeys(keys[key] ?? key).perform(),
            type: (text) => actions().sendKeys(...text.split(/(\n)/).map((part) => (part === '\n' ? Key.ENTER : part))).perform(),
          },
          reload: () => session.navigate().refresh(),
          close: () => session.quit(),
        };
      },
      close: stopAll,
    };
  } catch (e) {
    await stopAll();
    throw e;
  }
}

/** Xvfb on a display it picks itself; -noreset, or the next browser could not connect. */
async function startXvfb() {
  const child = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp', '-noreset'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (chunk) => { err += chunk; });
  const display = await new Promise((resolve, reject) => {
    let out = '';
    child.stdio[3].on('data', (chunk) => {
      out += chunk;
      if (out.endsWith('\n')) resolve(`:${out.trim()}`);
    });
    child.on('error', (e) => reject(new Error(`Xvfb: ${e.message}`)));
    child.on('exit', (code) => reject(new Error(`Xvfb exited with ${code}: ${err.slice(-1000)}`)));
  });
  return { child, display };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    }).on('error', reject);
  });
}

async function waitUntilAnswering(server, child, log) {
  let exited = null;
  child.on('exit', (code) => { exited = code; });
  child.on('error', (e) => { exited = e.message; });
  for (const deadline = Date.now() + 10_000; Date.now() < deadline;) {
    if (exited !== null) throw new Error(`WebKitWebDriver exited (${exited}): ${log()}`);
    if (await fetch(`${server}/status`).then((r) => r.ok, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`WebKitWebDriver did not answer on ${server}: ${log()}`);
}

function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  return exited;
}
