// The catalog playground: a portal owner chooses a catalog (a shipped one, or the file they are
// writing), a plan, the page's entitlements and account time zone, a language, a wire profile and
// a theme, and the <case-widget> on the page follows. The element reads most attributes once, when
// it starts, so a change to one of them puts a new element in the old one's place; language and
// theme change the element in place, keeping the answers given so far.
//
// A picked file never leaves the browser: the page hands it to the widget as a blob: URL, which
// the server's policy for this page (and only this page) lets the widget fetch.

const folder = new URL('./', import.meta.url).pathname;
const PICKED = 'picked-file';
const byId = (id) => document.getElementById(id);

const form = byId('pg-controls');
const catalogSelect = byId('pg-catalog');
const fileInput = byId('pg-file');
const planSelect = byId('pg-plan');
const localeSelect = byId('pg-locale');
const profileSelect = byId('pg-profile');
const entitlementsInput = byId('pg-entitlements');
const zoneInput = byId('pg-time-zone');
const stage = byId('pg-stage');
const catalogInfo = byId('pg-catalog-info');
const markup = byId('pg-markup');
const events = byId('pg-events');

/** The file picked from disk: its name, its text, and the blob: URL the widget reads it from. */
let picked = null;
/** Counts catalog changes, so that a slow fetch does not overwrite a later choice. */
let loads = 0;

const theme = () => form.elements.theme.value;
const profile = () => profileSelect.selectedOptions[0];

function catalogUrl() {
  return catalogSelect.value === PICKED ? picked.url : `${folder}catalog/${catalogSelect.value}`;
}

/** The chosen catalog as JSON, for its plans; null where it is not JSON at all. */
async function readCatalog() {
  try {
    if (catalogSelect.value === PICKED) return JSON.parse(picked.text);
    const response = await fetch(catalogUrl());
    return response.ok ? await response.json() : null;
  } catch {
    return null;
  }
}

/** A catalog text in English, else in any language it is given in. */
function english(text, fallback) {
  if (!text || typeof text !== 'object') return fallback;
  return text.en ?? Object.values(text).find((v) => typeof v === 'string') ?? fallback;
}

/** Lists the catalog's plans, keeping `wanted` (or the plan chosen before) where it has it. */
function showPlans(catalog, wanted) {
  const plans = Array.isArray(catalog?.plans) ? catalog.plans.filter((p) => typeof p?.id === 'string') : [];
  const keep = wanted ?? planSelect.value;
  if (plans.length === 0) {
    planSelect.replaceChildren(new Option('None found in this catalog', ''));
  } else {
    planSelect.replaceChildren(...plans.map((p) => new Option(`${english(p.label, p.id)} (${p.id})`, p.id)));
    if (plans.some((p) => p.id === keep)) planSelect.value = keep;
  }
}

function describe(catalog) {
  const parts = [];
  if (catalogSelect.value === PICKED) parts.push(`Your file ${picked.name}.`);
  if (catalog === null) {
    parts.push('It is not JSON: the form below says where it breaks.');
  } else {
    const id = typeof catalog.id === 'string' ? `id “${catalog.id}”` : 'no id';
    const plans = Array.isArray(catalog.plans) ? catalog.plans.length : 0;
    const languages = Array.isArray(catalog.languages) ? catalog.languages.join(', ') : 'none';
    parts.push(`Catalog ${id}: ${plans} plan${plans === 1 ? '' : 's'}; languages ${languages}.`);
  }
  catalogInfo.textContent = parts.join(' ');
}

const list = (value) => (Array.isArray(value) ? value.filter((item) => item && typeof item === 'object') : []);

/** Whether this browser knows the time zone `name`; the widget counts hours in it only then. */
function knownZone(name) {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * Business hours in zones shaped like a zone name (the widget says so of any other) that this
 * browser does not know, where the checker would look them up in the tz database.
 */
function showUnknownZones(catalog) {
  const found = [];
  const look = (path, hours) => {
    const zone = hours?.time_zone;
    if (typeof zone === 'string' && (zone === 'UTC' || zone.includes('/')) && !knownZone(zone)) {
      found.push(`${path}.time_zone: “${zone}”`);
    }
  };
  for (const plan of list(catalog?.plans)) look(`plans[${plan.id}].business_hours`, plan.business_hours);
  for (const type of list(catalog?.case_types)) look(`case_types[${type.id}].business_hours`, type.business_hours);
  for (const language of list(catalog?.contact_languages)) {
    list(language.team_hours).forEach((team, i) => look(`contact_languages[${language.id}].team_hours[${i}].hours`, team.hours));
  }
  byId('pg-zones-list').replaceChildren(...found.map((line) => {
    const item = document.createElement('li');
    item.textContent = line;
    return item;
  }));
  byId('pg-zones').hidden = found.length === 0;
}

/** The catalog's warnings, as the widget tells them; none until it does. */
function showWarnings(lines) {
  byId('pg-warnings-list').replaceChildren(...lines.map((line) => {
    const item = document.createElement('li');
    item.textContent = line;
    return item;
  }));
  byId('pg-warnings').hidden = lines.length === 0;
}

/** The element's attributes for the choices made. */
function attributes() {
  const chosen = profile();
  const attrs = { endpoint: chosen.dataset.endpoint };
  if (chosen.dataset.uploadEndpoint) attrs['upload-endpoint'] = chosen.dataset.uploadEndpoint;
  attrs.catalog = catalogUrl();
  if (planSelect.value) attrs.plan = planSelect.value;
  const entitlements = entitlementsInput.value.trim().split(/\s+/).filter(Boolean).join(' ');
  if (entitlements) attrs.entitlements = entitlements;
  if (zoneInput.value.trim()) attrs['time-zone'] = zoneInput.value.trim();
  attrs.locale = localeSelect.value;
  attrs.profile = `${folder}profiles/${chosen.value}`;
  return attrs;
}

/** Puts a new element, with the choices made, in place of the one on the page. */
function mount() {
  const widget = document.createElement('case-widget');
  // Each plan keeps its own draft, so that switching plans starts from its first step.
  widget.id = `playground-${planSelect.value || 'first-plan'}`;
  for (const [name, value] of Object.entries(attributes())) widget.setAttribute(name, value);
  widget.classList.toggle('dark', theme() === 'dark');
  stage.replaceChildren(widget);
  events.replaceChildren();
  showWarnings([]);
  showMarkup();
}

const widget = () => stage.querySelector('case-widget');

/** The markup a portal page would carry for what is shown. */
function showMarkup() {
  const attrs = attributes();
  if (catalogSelect.value === PICKED) attrs.catalog = picked.name;
  if (theme() === 'dark') attrs.class = 'dark';
  const lines = [];
  if (theme() === 'dark') lines.push(`<link rel="stylesheet" href="${folder}case-widget-dark.css">`);
  lines.push(`<script type="module" src="${folder}case-widget.js"></script>`);
  const indent = ' '.repeat('<case-widget '.length);
  const written = Object.entries(attrs).map(([name, value]) => `${name}="${value}"`);
  lines.push(`<case-widget ${written.join(`\n${indent}`)}></case-widget>`);
  markup.textContent = lines.join('\n');
}

/** Keeps the choices in the address, so a link or a reload shows the same. */
function remember() {
  const query = new URLSearchParams();
  if (catalogSelect.value !== PICKED) query.set('catalog', catalogSelect.value);
  if (planSelect.value) query.set('plan', planSelect.value);
  const attrs = attributes();
  if (attrs.entitlements) query.set('entitlements', attrs.entitlements);
  if (attrs['time-zone']) query.set('time-zone', attrs['time-zone']);
  query.set('locale', localeSelect.value);
  query.set('profile', profileSelect.value);
  query.set('theme', theme());
  history.replaceState(null, '', `?${query}`);
}

/** Reads the chosen catalog, lists its plans and shows the widget for it. */
async function catalogChanged(wantedPlan) {
  const load = ++loads;
  const catalog = await readCatalog();
  if (load !== loads) return;
  showPlans(catalog, wantedPlan);
  describe(catalog);
  showUnknownZones(catalog);
  mount();
  remember();
}

async function filePicked() {
  const file = fileInput.files[0];
  if (!file) return;
  const text = await file.text();
  if (picked) URL.revokeObjectURL(picked.url.split('#')[0]);
  // The file's name after the #, which fetching ignores, so the widget's heading names the file.
  const url = `${URL.createObjectURL(new Blob([text], { type: 'application/json' }))}#${encodeURIComponent(file.name)}`;
  picked = { name: file.name, text, url };
  let option = catalogSelect.querySelector(`option[value="${PICKED}"]`);
  if (!option) {
    option = new Option('', PICKED);
    catalogSelect.append(option);
  }
  option.textContent = `${file.name} (your file)`;
  catalogSelect.value = PICKED;
  // The same file can be picked again after it changed on disk.
  fileInput.value = '';
  await catalogChanged();
}

function logEvent(event) {
  const d = event.detail ?? {};
  const said = {
    'case-ready': () => 'case-ready: the first step is ready',
    'case-step': () => `case-step: ${d.step} (step ${d.number} of ${d.total})`,
    'case-submitted': () => `case-submitted: ${d.id}`,
    'case-failed': () => `case-failed: ${d.reason}${d.status ? ` (HTTP ${d.status})` : ''}`,
    'case-suggested': () => `case-suggested: ${(d.ids ?? []).join(', ')}`,
    'case-article-opened': () => `case-article-opened: ${d.id}`,
    'case-solved': () => `case-solved: ${(d.ids ?? []).join(', ')}`,
    'case-catalog-warnings': () => `case-catalog-warnings: ${(d.warnings ?? []).length}`,
  }[event.type]();
  const item = document.createElement('li');
  const time = document.createElement('span');
  time.className = 'pg-event-time';
  time.textContent = new Date().toLocaleTimeString('en-GB');
  item.append(time, ` ${said}`);
  events.prepend(item);
  while (events.children.length > 8) events.lastElementChild.remove();
}

function start() {
  const query = new URLSearchParams(location.search);
  const choose = (select, value) => {
    if (value && [...select.options].some((o) => o.value === value)) select.value = value;
  };
  choose(catalogSelect, query.get('catalog'));
  choose(localeSelect, query.get('locale'));
  choose(profileSelect, query.get('profile'));
  if (query.get('theme') === 'dark') form.elements.theme.value = 'dark';
  entitlementsInput.value = query.get('entitlements') ?? '';
  zoneInput.value = query.get('time-zone') ?? '';
  stage.classList.toggle('pg-stage-dark', theme() === 'dark');

  form.addEventListener('submit', (e) => e.preventDefault());
  catalogSelect.addEventListener('change', () => catalogChanged());
  fileInput.addEventListener('change', filePicked);
  planSelect.addEventListener('change', () => { mount(); remember(); });
  for (const control of [profileSelect, entitlementsInput, zoneInput]) {
    control.addEventListener('change', () => { mount(); remember(); });
  }
  localeSelect.addEventListener('change', () => {
    widget()?.setAttribute('locale', localeSelect.value);
    showMarkup();
    remember();
  });
  for (const radio of form.elements.theme) {
    radio.addEventListener('change', () => {
      widget()?.classList.toggle('dark', theme() === 'dark');
      stage.classList.toggle('pg-stage-dark', theme() === 'dark');
      showMarkup();
      remember();
    });
  }
  byId('pg-reset').addEventListener('click', () => widget()?.reset());
  for (const type of ['case-ready', 'case-step', 'case-submitted', 'case-failed', 'case-suggested', 'case-article-opened', 'case-solved', 'case-catalog-warnings']) {
    stage.addEventListener(type, logEvent);
  }
  stage.addEventListener('case-catalog-warnings', (event) => showWarnings(event.detail?.warnings ?? []));
  catalogChanged(query.get('plan'));
}

start();
