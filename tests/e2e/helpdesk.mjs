// What the tests against real helpdesks share: the portal's proxy in front of the helpdesk, with
// the session proof the portal signs, the files each case carries, and a misconfigured copy of a
// shipped wire profile.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { answerFirstSteps, freePort, launchBrowser, mouse, openWidget, signToken, startServer, waitForStep } from './support.mjs';

const root = new URL('../../', import.meta.url).pathname;

export const sha256 = (buffer) => createHash('sha256').update(buffer).digest('hex');

// The secret the portal signs its session proofs with, shared with the proxy.
const sessionSecret = randomBytes(32).toString('hex');
export const sessionProof = () => signToken(sessionSecret, { sub: 'ada', aud: 'case-widget/session', exp: Math.floor(Date.now() / 1000) + 600 });

/**
 * The reference server passing `allowed` requests under `prefix` on to `upstream`, as the
 * portal's proxy, and a browser; `stop()` ends both.
 */
export async function startPortal({ prefix, upstream, allowed }) {
  const secretDir = mkdtempSync(join(tmpdir(), 'case-widget-portal-'));
  writeFileSync(join(secretDir, 'session-secret'), sessionSecret);
  const server = await startServer({
    proxies: [`${prefix}=${upstream}`],
    args: [...allowed.flatMap((a) => ['--proxy-allow', a]), '--proxy-session-secret-file', join(secretDir, 'session-secret'),
      // The tests sign in to the helpdesk as the page would, with its own Authorization.
      '--proxy-pass-authorization'],
  });
  const browser = await launchBrowser();
  return {
    server,
    browser,
    /** Serves a copy of the shipped profile `name` as `as`, changed by `change`. */
    misconfigured(name, as, change) {
      const profile = JSON.parse(readFileSync(join(root, `public/profiles/${name}.json`), 'utf8'));
      change(profile);
      writeFileSync(join(server.dist, 'profiles', `${as}.json`), JSON.stringify(profile));
    },
    /** The widget on the portal's page, filing through `endpoint` with the shipped `profile`. */
    openWidget(endpoint, profile, locale, attrs = {}) {
      return openWidget(browser, server, {
        endpoint, profile: `/case-widget/profiles/${profile}.json`, plan: 'business', locale, ...attrs,
      });
    },
    async stop() {
      await browser.close();
      await server.stop();
      rmSync(secretDir, { recursive: true, force: true });
    },
  };
}

/**
 * A real helpdesk on 127.0.0.1 on a free port, from a folder of its own, as its script
 * (`scripts/NAME.sh`) starts it; `run` gives the script another command for this instance.
 */
export async function startHelpdesk(name) {
  const script = join(root, `scripts/${name}.sh`);
  const dir = mkdtempSync(join(tmpdir(), `case-widget-${name}-`));
  const port = await freePort();
  const run = (...args) => execFileSync(script, [args[0], dir, ...args.slice(1)], { stdio: ['ignore', 'ignore', 'inherit'] });
  run('start', String(port));
  return {
    dir,
    url: `http://127.0.0.1:${port}`,
    run,
    stop() {
      run('stop');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Stops the portal, then the helpdesk behind it. */
export async function stopPortal(portal, helpdesk) {
  await portal?.stop();
  helpdesk?.stop();
}

/** Three files a case carries, their names starting with `prefix`: a picture, a PDF, a log. */
export const threeFiles = (prefix, pdf = 'report.pdf') => [
  { name: `${prefix}screen.png`, mimeType: 'image/png', buffer: Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), randomBytes(400 * 1024)]) },
  { name: `${prefix}${pdf}`, mimeType: 'application/pdf', buffer: Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(300 * 1024), Buffer.from('\n%%EOF\n')]) },
  { name: `${prefix}trace.log`, mimeType: 'text/plain', buffer: Buffer.from(`${'ログ行 line\n'.repeat(2000)}`) },
];

/** A small technical case answered up to its attachments step. */
export async function toAttachmentsStep(page, subject) {
  await answerFirstSteps(page, { caseType: 'technical', service: 's3', category: 'performance', severity: 'low' });
  await waitForStep(page, 'details');
  await mouse.fill(page, 'subject', subject);
  await mouse.fill(page, 'description', 'Slow reads.');
  await mouse.next(page);
  await waitForStep(page, 'attachments');
}
