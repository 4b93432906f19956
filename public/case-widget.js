// Defines <case-widget>. Portals load this one file as a module; everything else the widget
// needs (its wasm, styles and catalogs) resolves from this file's own URL, and is fetched only
// once an element needs it: its `loading` attribute says when (README, "When it loads").

// The build names the glue, wasm, styles and texts by their content and writes those names here
// (scripts/fingerprint.mjs): this file always loads the ones built with it.
const assets = {};
const base = new URL('./', import.meta.url).href;

const modes = ['eager', 'visible', 'interaction'];
// How near the viewport `visible` starts, so the step is there when the customer scrolls to it.
const nearViewport = '200px';
// A pointer over or pressed on the element, or focus moving into it (a key press inside always
// follows one): the customer is about to use it. The press itself still reaches the step.
const interactions = ['pointerover', 'pointerdown', 'focusin'];

let started;
let app;
/** The glue and the wasm, fetched and started once for every element on the page. */
function start() {
  started ??= import('./case-widget-app.js').then(async (glue) => {
    const exports = await glue.default({ module_or_path: new URL('./case-widget-app_bg.wasm', import.meta.url) });
    app = { mount: glue.mount, exports };
    return app;
  });
  return started;
}

let placeholderSheet;
/** The skeleton's styles: no text, themed by the page's --cw-* properties. */
function placeholderStyles() {
  if (placeholderSheet) return placeholderSheet;
  placeholderSheet = new CSSStyleSheet();
  placeholderSheet.replaceSync(`
    :host { display: block; container-type: inline-size; }
    .cw-placeholder { box-sizing: border-box; padding: var(--cw-space, 1rem); display: flex; flex-direction: column; gap: 1rem;
      min-height: var(--cw-placeholder-height, max(31rem, calc(46.5rem - 34cqi)));
      background: var(--cw-background, #fff); border-radius: var(--cw-radius, 4px); }
    .cw-bone { display: block; height: 2.75rem; border-radius: var(--cw-radius, 4px); background: var(--cw-surface, #f3f2f1); }
    .cw-bone:nth-child(1) { height: 2rem; width: 50%; }
    .cw-bone:nth-child(2) { height: 1.25rem; width: 25%; }
    .cw-bone:nth-child(3) { height: 1.5rem; width: 60%; }
    .cw-bone:last-child { width: 7rem; margin-top: .5rem; }
    @media (prefers-reduced-motion: no-preference) { .cw-bone { animation: cw-pulse 1.5s ease-in-out infinite; } }
    @keyframes cw-pulse { 50% { opacity: .55; } }`);
  return placeholderSheet;
}

class CaseWidget extends HTMLElement {
  static observedAttributes = ['locale', 'loading'];

  /** Diagnostics: the size of the widget's WebAssembly memory, in bytes (0 before it loads). */
  static async wasmMemoryBytes() {
    return started ? (await started).exports.memory.buffer.byteLength : 0;
  }

  #ready = false;
  #mounted;
  #settle;
  #waiting;
  #ownTabIndex = false;

  /**
   * Fetches and starts the widget now, whatever `loading` says; resolves once the wasm runs this
   * element (`case-ready` follows when its first step is on screen), rejects when it could not
   * be loaded. Calling it again returns the same promise.
   */
  load() {
    if (!this.#mounted) {
      this.#stopWaiting();
      this.#mounted = new Promise((resolve, reject) => { this.#settle = { resolve, reject }; });
      // Only the caller's copy of a failure is reported; `case-failed` tells the page anyway.
      this.#mounted.catch(() => {});
      this.#fetchStyles();
      start().then(() => this.#mount(), (error) => this.#failed(error));
    }
    return this.#mounted;
  }

  /** Fills answers in: `{ caseType, service, category, name, email, phoneCountry, phone }`. */
  prefill(values) {
    this.#whenReady((widget) => widget.prefill(values));
  }

  /** Starts a new, empty case at once, without asking. */
  reset() {
    this.#whenReady((widget) => widget.reset());
  }

  /** Switches the widget's language, as setting the `locale` attribute does. */
  setLocale(locale) {
    this.setAttribute('locale', locale);
  }

  #whenReady(use) {
    if (this.#ready && this.widget) use(this.widget);
    else this.addEventListener('case-ready', () => use(this.widget), { once: true });
  }

  connectedCallback() {
    // Capturing: at the element itself it runs before the page's own listeners, even those a
    // framework (React, Vue) added before the element was connected, so prefill() and reset()
    // called from a page's case-ready listener apply at once instead of waiting for a second one.
    this.addEventListener('case-ready', () => { this.#ready = true; }, { once: true, capture: true });
    if (!this.shadowRoot) this.#showPlaceholder();
    // A prerendered first step works before the wasm arrives; a press of Continue there is kept
    // for the wizard to carry out when it takes the step over.
    else if (!this.widget) {
      const keep = (event) => { event.preventDefault(); this.continueRequested = true; };
      this.shadowRoot.addEventListener('submit', keep);
      this.addEventListener('case-ready', () => this.shadowRoot.removeEventListener('submit', keep), { once: true });
    }
    if (this.#mounted) {
      if (app) this.#mount();
    } else {
      this.#waitForNeed();
    }
  }

  disconnectedCallback() {
    this.#stopWaiting();
    if (this.widget) {
      this.widget.unmount();
      this.widget.free();
      this.widget = undefined;
      this.#ready = false;
    }
  }

  attributeChangedCallback(name, _old, value) {
    if (name === 'locale' && this.widget && value) {
      this.widget.setLocale(value);
    }
    // Only once connected: an upgraded element hears its attributes before connectedCallback.
    if (name === 'loading' && this.#waiting) {
      this.#waitForNeed();
    }
  }

  /** Starts loading when `loading` says: at once, near the viewport, or on first use. */
  #waitForNeed() {
    this.#stopWaiting();
    const asked = (this.getAttribute('loading') ?? '').toLowerCase();
    if (asked && !modes.includes(asked)) {
      console.warn(`<case-widget>: loading="${this.getAttribute('loading')}" is not one of ${modes.join(', ')}; loading it when visible`);
    }
    const mode = modes.includes(asked) ? asked : 'visible';
    if (mode === 'eager') {
      this.load();
    } else if (mode === 'visible') {
      const observer = new IntersectionObserver((entries) => {
        if (entries.some((e) => e.isIntersecting)) this.load();
      }, { rootMargin: nearViewport });
      observer.observe(this);
      this.#waiting = () => observer.disconnect();
    } else {
      const use = () => this.load();
      for (const type of interactions) this.addEventListener(type, use, { passive: true });
      // A skeleton has nothing to focus: the element itself takes the keyboard's turn.
      if (this.shadowRoot.querySelector('.cw-placeholder') && !this.hasAttribute('tabindex')) {
        this.tabIndex = 0;
        this.#ownTabIndex = true;
      }
      this.#waiting = () => interactions.forEach((type) => this.removeEventListener(type, use));
    }
  }

  #stopWaiting() {
    this.#waiting?.();
    this.#waiting = undefined;
  }

  /**
   * A skeleton of the first step, without text, until the wizard can take its place; marked as
   * a prerendered step so the wasm keeps it that long. It reserves about the step's height.
   */
  #showPlaceholder() {
    const shadow = this.attachShadow({ mode: 'open' });
    shadow.adoptedStyleSheets = [placeholderStyles()];
    const placeholder = document.createElement('div');
    placeholder.className = 'cw-placeholder';
    placeholder.dataset.prerendered = '';
    placeholder.setAttribute('aria-hidden', 'true');
    for (let i = 0; i < 7; i++) placeholder.append(document.createElement('span'));
    for (const bone of placeholder.children) bone.className = 'cw-bone';
    shadow.append(placeholder);
    this.setAttribute('aria-busy', 'true');
    // Whatever takes its place, the first step or a message that the catalog failed to load.
    const gone = new MutationObserver(() => {
      if (placeholder.isConnected) return;
      gone.disconnect();
      this.#placeholderGone();
    });
    gone.observe(shadow, { childList: true });
    if (this.#mounted) this.#fetchStyles();
  }

  /** The styles, fetched with the wasm so the wizard shows styled when it takes over. */
  #fetchStyles() {
    if (!this.shadowRoot?.querySelector('.cw-placeholder')) return;
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = new URL(assets['case-widget.css'] ?? 'case-widget.css', base).href;
    this.shadowRoot.prepend(link);
  }

  #placeholderGone() {
    this.removeAttribute('aria-busy');
    this.shadowRoot.adoptedStyleSheets = this.shadowRoot.adoptedStyleSheets.filter((s) => s !== placeholderSheet);
    if (this.#ownTabIndex) {
      // The element stops taking a turn of its own (which blurs it), and keyboard focus that
      // was on it moves to the step's heading.
      const focused = document.activeElement === this && !this.shadowRoot.activeElement;
      this.removeAttribute('tabindex');
      this.#ownTabIndex = false;
      if (focused) this.shadowRoot.querySelector('[data-step-heading]')?.focus();
    }
  }

  #mount() {
    if (!this.isConnected || this.widget) return;
    try {
      this.widget = app.mount(this, base, assets);
      this.#settle.resolve();
    } catch (error) {
      this.#failed(error);
    }
  }

  #failed(error) {
    this.#settle.reject(error);
    // No step is coming: the skeleton goes, and the page shows what it will on case-failed.
    this.shadowRoot?.querySelector('.cw-placeholder')?.remove();
    this.dispatchEvent(new CustomEvent('case-failed', {
      bubbles: true, composed: true, detail: { reason: 'load', error: String(error) },
    }));
  }
}

if (!customElements.get('case-widget')) {
  customElements.define('case-widget', CaseWidget);
}
