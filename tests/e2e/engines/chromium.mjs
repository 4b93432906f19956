// Chromium from Debian, through playwright-core, as in the rest of the browser tests.
import { launchBrowser } from '../support.mjs';
import { findInWidget } from './index.mjs';

export async function launch() {
  const browser = await launchBrowser();
  return {
    async open(url) {
      const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1000, height: 900 } });
      const page = await context.newPage();
      await page.goto(url);
      const element = async (selector) => (await page.evaluateHandle(findInWidget, selector)).asElement();
      return {
        evaluate: (fn, arg) => page.evaluate(fn, arg),
        click: async (selector) => (await element(selector)).click(),
        setFiles: async (selector, files) => (await element(selector)).setInputFiles(files),
        keyboard: { press: (key) => page.keyboard.press(key), type: (text) => page.keyboard.type(text) },
        reload: () => page.reload(),
        close: () => context.close(),
      };
    },
    close: () => browser.close(),
  };
}
