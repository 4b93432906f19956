// Renders a widget's first step at build time, with the widget itself in headless Chromium, as a
// declarative shadow root a page puts inside its <case-widget>: the step is on screen and usable
// before the wasm arrives, which then takes it over, keeping what the customer chose.
// Usage: node scripts/prerender.mjs [--catalog aws] [--plan business] [--locale en] [--out FILE]
// (needs a built dist/; `make prerender` writes the demo page's public/prerendered/first-step.html)
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { launchBrowser, openWidget, startServer } from '../tests/e2e/support.mjs';

/** The first step's markup for these attributes, as the widget renders it. */
export async function renderFirstStep(browser, server, { catalog, plan, locale }) {
  const page = await openWidget(browser, server, { catalog: `/case-widget/catalog/${catalog}.json`, plan, locale });
  await page.waitForFunction(() => document.querySelector('case-widget').shadowRoot?.querySelector('.cw-wizard'));
  const html = await page.evaluate(() => {
    const shadow = document.querySelector('case-widget').shadowRoot;
    shadow.querySelector('div').setAttribute('data-prerendered', '');
    return shadow.innerHTML;
  });
  await page.context().close();
  // The styles under their plain name: the build gives the page the name of the day.
  const plain = html.replaceAll(server.url, '').replace(/case-widget-[0-9a-f]{16}\.css/g, 'case-widget.css');
  return `<template shadowrootmode="open">${plain}</template>\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      catalog: { type: 'string', default: 'aws' },
      plan: { type: 'string', default: 'business' },
      locale: { type: 'string', default: 'en' },
      out: { type: 'string', default: 'public/prerendered/first-step.html' },
    },
  });
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    writeFileSync(values.out, await renderFirstStep(browser, server, values));
    console.log(`prerender: wrote ${values.out}`);
  } finally {
    await browser.close();
    await server.stop();
  }
}
