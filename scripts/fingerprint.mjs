// Trunk's post_build step, after finish-demo-page.py: gives the widget's files content-hashed
// names, so they can be cached for a year, and points the one stable file portals load,
// case-widget.js, at exactly the glue, wasm, styles and texts built with it: no cache can pair
// files of two releases. Then writes brotli and gzip copies for servers that negotiate them.
//
//   node scripts/fingerprint.mjs DIR
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dir = process.argv[2];
const hash = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);
const read = (name) => readFileSync(join(dir, name));

/** Renames `name` to carry its content's hash before `suffix`; the new name. */
function fingerprint(name, suffix) {
  const hashed = name.replace(new RegExp(`${suffix.replace('.', '\\.')}$`), `-${hash(read(name))}${suffix}`);
  renameSync(join(dir, name), join(dir, hashed));
  return hashed;
}

// The wasm first, then the glue that names it, so the glue's hash covers the wasm's.
const wasm = fingerprint('case-widget-app_bg.wasm', '_bg.wasm');
writeFileSync(join(dir, 'case-widget-app.js'), read('case-widget-app.js').toString().replaceAll('case-widget-app_bg.wasm', wasm));
const glue = fingerprint('case-widget-app.js', '.js');

// What the wasm fetches by name: its styles and texts.
const assets = { 'case-widget.css': fingerprint('case-widget.css', '.css') };
for (const lang of readdirSync(join(dir, 'locales'))) {
  for (const file of readdirSync(join(dir, 'locales', lang))) {
    const name = `locales/${lang}/${file}`;
    assets[name] = fingerprint(name, '.ftl');
  }
}

let loader = read('case-widget.js').toString();
for (const [from, to] of [["'./case-widget-app.js'", `'./${glue}'`], ["'./case-widget-app_bg.wasm'", `'./${wasm}'`], ['const assets = {};', `const assets = ${JSON.stringify(assets)};`]]) {
  if (!loader.includes(from)) throw new Error(`fingerprint: case-widget.js no longer says ${from}`);
  loader = loader.replace(from, to);
}
writeFileSync(join(dir, 'case-widget.js'), loader);

// Pages that name the styles themselves: the demo page's preload and its prerendered step.
for (const page of ['index.html']) {
  writeFileSync(join(dir, page), read(page).toString().replaceAll('/case-widget/case-widget.css', `/case-widget/${assets['case-widget.css']}`));
}

// Compressed copies of everything text-like or wasm, where they save bytes.
function* files(folder) {
  for (const entry of readdirSync(folder)) {
    const path = join(folder, entry);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}
for (const path of [...files(dir)]) {
  if (!/\.(wasm|js|css|html|json|ftl|svg)$/.test(path)) continue;
  const bytes = readFileSync(path);
  const br = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } });
  const gz = gzipSync(bytes, { level: 9 });
  if (br.length < bytes.length) writeFileSync(`${path}.br`, br);
  if (gz.length < bytes.length) writeFileSync(`${path}.gz`, gz);
}
console.log(`fingerprint: ${glue}, ${wasm}, ${Object.keys(assets).length} styles and texts; ${relative(process.cwd(), dir) || dir} compressed`);
