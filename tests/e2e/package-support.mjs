// Shared by the tests of the npm package: packing it, installing it into a portal's project, and
// a portal's own web server (its pages and files, /api passed on to the reference server).
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { createServer, request as forward } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, relative, resolve, sep } from 'node:path';
import assert from 'node:assert/strict';

export const root = new URL('../../', import.meta.url).pathname;

/** Runs a command to its end; its exit code and output (never throws on failure). */
export function run(command, args, { cwd, env } = {}) {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c) => { out += c; });
    child.stderr.on('data', (c) => { out += c; });
    child.on('error', fail);
    child.on('exit', (code) => done({ code, out }));
  });
}

/** Like `run`, failing the test with the output when the command fails. */
export async function must(command, args, options) {
  const { code, out } = await run(command, args, options);
  assert.equal(code, 0, `${command} ${args.join(' ')} failed:\n${out}`);
  return out;
}

/** Packs the package from the current dist/ (scripts/package.sh); the tarball's path. */
export async function pack() {
  const out = await must(join(root, 'scripts/package.sh'), []);
  const tarball = out.trim().split('\n').at(-1);
  assert.ok(existsSync(tarball), `package.sh named ${tarball}`);
  return tarball;
}

/**
 * A copy of the fixture app `name` (tests/fixtures/) in a folder of its own, with the tarball
 * installed as a portal installs it. Its other packages come along where scripts/setup.sh
 * installed them, else npm installs them from the lockfile, cache first.
 */
export async function installFixture(name, tarball) {
  const dir = mkdtempSync(join(tmpdir(), `case-widget-${name}-`));
  const fixture = join(root, 'tests/fixtures', name);
  // Not what an earlier build or install left there.
  const left = ['dist', join('public', 'assets', 'support'), join('node_modules', 'case-widget')];
  cpSync(fixture, dir, { recursive: true, verbatimSymlinks: true, filter: (src) => !left.includes(relative(fixture, src)) });
  await npmInstall(dir, [tarball]);
  return dir;
}

export const npmInstall = (dir, packages) => must('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', ...packages], { cwd: dir });

const types = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json', '.html': 'text/html', '.ftl': 'text/plain; charset=utf-8', '.svg': 'image/svg+xml' };

/**
 * A portal's web server: `pages` (URL path to HTML), the files of `folder` by their paths, and
 * /api/* passed on to the reference server at `api`. Every answer is logged in `answers`.
 */
export async function servePortal({ folder, pages = {}, api }) {
  const answers = [];
  const http = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const log = (status) => answers.push({ path, status });
    if (path.startsWith('/api/')) {
      const target = new URL(req.url, api);
      const upstream = forward(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (answer) => {
        log(answer.statusCode);
        res.writeHead(answer.statusCode, answer.headers);
        answer.pipe(res);
      });
      req.pipe(upstream);
      return;
    }
    if (pages[path]) {
      log(200);
      return res.writeHead(200, { 'Content-Type': 'text/html' }).end(pages[path]);
    }
    const file = resolve(folder, `.${path.endsWith('/') ? `${path}index.html` : path}`);
    if (!file.startsWith(resolve(folder) + sep) || !existsSync(file) || !statSync(file).isFile()) {
      log(404);
      return res.writeHead(404).end();
    }
    log(200);
    res.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise((ok) => http.listen(0, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${http.address().port}`, answers, stop: () => new Promise((ok) => http.close(ok)) };
}
