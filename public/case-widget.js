// Defines <case-widget>. Portals load this one file as a module; everything else the widget
// needs (its wasm, styles and catalogs) resolves from this file's own URL.
import init, { mount } from './case-widget-app.js';

// The build names the glue, wasm, styles and texts by their content and writes those names here
// (scripts/fingerprint.mjs): this file always loads the ones built with it.
const assets = {};
const base = new URL('./', import.meta.url).href;
const ready = init({ module_or_path: new URL('./case-widget-app_bg.wasm', import.meta.url) });

class CaseWidget extends HTMLElement {
  static observedAttributes = ['locale'];

  /** Diagnostics: the size of the widget's WebAssembly memory, in bytes. */
  static async wasmMemoryBytes() {
    return (await ready).memory.buffer.byteLength;
  }

  #ready = false;

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
    // A prerendered first step works before the wasm arrives; a press of Continue there is kept
    // for the wizard to carry out when it takes the step over.
    if (this.shadowRoot && !this.widget) {
      const keep = (event) => { event.preventDefault(); this.continueRequested = true; };
      this.shadowRoot.addEventListener('submit', keep);
      this.addEventListener('case-ready', () => this.shadowRoot.removeEventListener('submit', keep), { once: true });
    }
    ready.then(() => {
      if (this.isConnected && !this.widget) {
        this.widget = mount(this, base, assets);
      }
    }, (error) => {
      this.dispatchEvent(new CustomEvent('case-failed', {
        bubbles: true, composed: true, detail: { reason: 'load', error: String(error) },
      }));
    });
  }

  disconnectedCallback() {
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
  }
}

if (!customElements.get('case-widget')) {
  customElements.define('case-widget', CaseWidget);
}
