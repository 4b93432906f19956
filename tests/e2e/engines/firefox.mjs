// Firefox ESR from Debian, through puppeteer-core over WebDriver BiDi.
import puppeteer from 'puppeteer-core';
import { fileWriter, findInWidget } from './index.mjs';

export async function launch() {
  const browser = await puppeteer.launch({ browser: 'firefox', executablePath: '/usr/bin/firefox-esr', headless: true });
  const files = fileWriter();
  return {
    async open(url) {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      await page.setViewport({ width: 1000, height: 900 });
      await page.goto(url);
      const element = async (selector) => (await page.evaluateHandle(findInWidget, selector)).asElement();
      return {
        evaluate: (fn, arg) => page.evaluate(fn, arg),
        click: async (selector) => (await element(selector)).click(),
        setFiles: async (selector, list) => (await element(selector)).uploadFile(...files.paths(list)),
        keyboard: { press: (key) => page.keyboard.press(key), type: (text) => page.keyboard.type(text) },
        reload: () => page.reload(),
        close: () => context.close(),
      };
    },
    async close() {
      await browser.close();
      files.removeAll();
    },
  };
}
