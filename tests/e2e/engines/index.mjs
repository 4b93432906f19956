// One small driver for the whole-case journeys in every browser engine: Chromium through
// playwright-core, Firefox ESR through puppeteer-core (WebDriver BiDi), WebKitGTK through
// selenium-webdriver and WebKitWebDriver. Each engine module offers only this, where a
// selector is CSS inside the widget's open shadow root:
//
//   launch()                 -> { open(url) -> page, close() }
//   page.evaluate(fn, arg)   runs fn(arg) in the page and returns its (awaited) result
//   page.click(selector)     a real mouse click on the element's centre
//   page.setFiles(selector, files)  sets { name, mimeType, buffer } files on a file input
//   page.keyboard.press(key) one key: Tab, Enter, Space, ArrowDown, Home
//   page.keyboard.type(text) typed into the focused element
//   page.reload(), page.close()
//
// This file adds, the same for every engine, waiting and `page.locator('case-widget …')` with
// the few methods of Playwright's locators that the helpers of support.mjs use (waitFor, click,
// innerText, getAttribute), so that `fileCase`, `waitForStep` and `assertContains` drive any
// engine's page.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const engineNames = ['chromium', 'firefox', 'webkit'];

/** Runs in the page: the first element matching `selector` inside the widget's shadow root. */
export const findInWidget = (selector) => document.querySelector('case-widget')?.shadowRoot?.querySelector(selector) ?? null;

/** Starts an engine; if it cannot start, says which and why. */
export async function launchEngine(name) {
  const { launch } = await import(`./${name}.mjs`);
  let engine;
  try {
    engine = await launch();
  } catch (e) {
    throw new Error(`${name} could not be started: ${e.message}`, { cause: e });
  }
  return {
    name,
    async open(url) {
      return withLocators(await engine.open(url));
    },
    close: () => engine.close(),
  };
}

/** Runs in the page: `{ value }` of the element inside the widget, null while it is not shown. */
function inspect({ selector, read, name }) {
  const el = document.querySelector('case-widget')?.shadowRoot?.querySelector(selector);
  if (!el || (el.type !== 'file' && el.getClientRects().length === 0)) return null;
  return { value: read === 'text' ? el.innerText : read === 'attribute' ? el.getAttribute(name) : true };
}

function withLocators(page) {
  /** Waits up to `timeout` ms for `fn(arg)` to be truthy in the page and returns it. */
  async function waitFor(fn, arg, what, timeout = 10_000) {
    for (const deadline = Date.now() + timeout; Date.now() < deadline;) {
      const value = await page.evaluate(fn, arg).catch(() => null);
      if (value) return value;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.fail(`waited ${timeout} ms for ${what}`);
  }
  return Object.assign(page, {
    waitFor,
    locator(full) {
      const selector = full.replace(/^case-widget\s+/, '');
      assert.notEqual(selector, full, `a selector inside the widget: ${full}`);
      const shown = (read, name, timeout) => waitFor(inspect, { selector, read, name }, `${full} to be shown`, timeout);
      return {
        waitFor: ({ timeout } = {}) => shown('shown', undefined, timeout),
        innerText: async () => (await shown('text')).value,
        getAttribute: async (name) => (await shown('attribute', name)).value,
        async click() {
          await shown();
          await page.click(selector);
        },
        async setInputFiles(files) {
          await shown();
          await page.setFiles(selector, files);
        },
      };
    },
  });
}

/**
 * For engines that take files from disk: writes `files` under their own names into a fresh
 * folder and returns their paths; `removeAll()` removes every folder it made.
 */
export function fileWriter() {
  const dirs = [];
  return {
    paths(files) {
      const dir = mkdtempSync(join(tmpdir(), 'case-widget-files-'));
      dirs.push(dir);
      return files.map((f) => {
        const path = join(dir, f.name);
        writeFileSync(path, f.buffer);
        return path;
      });
    },
    removeAll() {
      for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
}
