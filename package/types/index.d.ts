// Types of <case-widget>, the element dist/case-widget.js defines. The element's contract is
// README.md's "Attributes" and "Events, methods and properties".

/** The element's attributes, all strings as HTML gives them. */
export interface CaseWidgetAttributes {
  /** Where cases are posted (the wire contract). Required. */
  endpoint: string;
  /** Two-phase shape: files are uploaded here first, then the case is posted as JSON. */
  'upload-endpoint'?: string;
  /** URL of the catalog JSON; default `catalog/aws.json` beside case-widget.js. */
  catalog?: string;
  /** URL of a wire profile: how cases are sent to another kind of backend. */
  profile?: string;
  /** The customer's support plan, one of the catalog's plan ids; default the first plan. */
  plan?: string;
  /** `en`, `ja`, `ko` or `zh` (or a tag such as `ja-JP`); may change at any time. */
  locale?: string;
  /** The signed-in customer's name: shown, sent, not editable. */
  name?: string;
  /** The signed-in customer's email: shown, sent, not editable. */
  email?: string;
  /** Prefilled case type (catalog id). */
  'case-type'?: string;
  /** Prefilled service (catalog id). */
  service?: string;
  /** Prefilled category (catalog id). */
  category?: string;
  /** Prefilled callback number's country, e.g. `JP`. */
  'phone-country'?: string;
  /** Prefilled callback number, e.g. `03-1234-5678`. */
  phone?: string;
  /** Answers the customer may not change: any of `case-type service category phone`, space separated. */
  locked?: string;
  /** Tells several widgets on one page apart (each keeps its own draft). */
  id?: string;
  /** Seconds one request may take before it counts as failed and is tried again; default 120. */
  timeout?: string | number;
  /** Accounts the user may file for, as JSON: `[{"id": "acme-jp", "name": "ACME Japan"}]`. */
  accounts?: string;
  /** What the customer's contract provides beyond the plan, words separated by spaces. */
  entitlements?: string;
  /** Who is signed in, as the portal names them; default the `email` attribute. */
  user?: string;
  /** Days a draft is kept in the browser since it was last opened or changed; default 7. */
  'draft-days'?: string | number;
  /** Present: `case-suggested` also carries the text the articles were matched to. */
  'events-with-text'?: boolean | '';
  /** The account's time zone, e.g. `Asia/Tokyo`. */
  'time-zone'?: string;
  /**
   * When the widget is fetched and started: `eager` as the page loads, `visible` (default) near
   * the viewport, `interaction` on the first pointer over or on it, or focus inside it.
   */
  loading?: CaseWidgetLoading;
}

/** The `loading` attribute's values. */
export type CaseWidgetLoading = 'eager' | 'visible' | 'interaction';

/** A wizard step's id, in order. */
export type CaseWidgetStep = 'case-type' | 'classification' | 'severity' | 'details' | 'attachments' | 'contact' | 'review';

/** `case-step`: the customer moved to another step. */
export interface CaseStepDetail {
  step: CaseWidgetStep;
  /** 1-based. */
  number: number;
  total: number;
}

/** `case-progress`: bytes of the attached files sent so far. */
export interface CaseProgressDetail {
  loaded: number;
  total: number;
}

/** `case-submitted`: the backend filed the case. */
export interface CaseSubmittedDetail {
  /** The case's id as the backend names it. */
  id: string;
  /** A link to the case, where the wire profile reads one. */
  link?: string;
  /** The backend's whole JSON answer. */
  response: unknown;
}

/** `case-failed`: the case was not filed; the customer's answers are kept. */
export interface CaseFailedDetail {
  /** The message id shown to the customer (e.g. `error-network`), or `load` when the widget itself failed to load. */
  reason: string;
  /** The HTTP status, where the backend answered. */
  status?: number;
  /** With `reason: 'load'`: what failed. */
  error?: string;
}

/** `case-suggested`: help articles were suggested while the customer wrote. */
export interface CaseSuggestedDetail {
  ids: string[];
  /** The text they were matched to, with the `events-with-text` attribute. */
  text?: string;
}

/** `case-article-opened`: the customer opened a suggested article. */
export interface CaseArticleOpenedDetail {
  id: string;
}

/** `case-solved`: the suggested articles solved the problem; nothing was filed. */
export interface CaseSolvedDetail {
  ids: string[];
}

/** Every event the element dispatches; all bubble and cross the shadow root. */
export interface CaseWidgetEventMap {
  'case-ready': CustomEvent<null>;
  'case-step': CustomEvent<CaseStepDetail>;
  'case-progress': CustomEvent<CaseProgressDetail>;
  'case-submitted': CustomEvent<CaseSubmittedDetail>;
  'case-failed': CustomEvent<CaseFailedDetail>;
  'case-suggested': CustomEvent<CaseSuggestedDetail>;
  'case-article-opened': CustomEvent<CaseArticleOpenedDetail>;
  'case-solved': CustomEvent<CaseSolvedDetail>;
}

/** An account the user may file for. */
export interface CaseWidgetAccount {
  id: string;
  name: string;
}

/** What `prefill()` fills in. */
export interface CaseWidgetPrefill {
  caseType?: string;
  service?: string;
  category?: string;
  name?: string;
  email?: string;
  phoneCountry?: string;
  phone?: string;
  /** Replaces the list of accounts the user may file for. */
  accounts?: CaseWidgetAccount[];
}

/** The <case-widget> element. */
export interface CaseWidgetElement extends HTMLElement {
  /** Fills answers in (locked ones stay as the attributes set them); waits for `case-ready`. */
  prefill(values: CaseWidgetPrefill): void;
  /** Starts a new, empty case at once, without asking. */
  reset(): void;
  /** Switches the language, as setting the `locale` attribute does. */
  setLocale(locale: string): void;
  /**
   * Fetches and starts the widget now, whatever `loading` says. Resolves once the wasm runs the
   * element (`case-ready` follows when its first step is on screen); rejects when it could not
   * be loaded. Calling it again returns the same promise.
   */
  load(): Promise<void>;
  /** Extra headers on every request, read at send time. */
  requestHeaders?: Record<string, string>;
  /** Called before every try of a submission, for fresh headers (e.g. a bearer token). */
  getRequestHeaders?: () => Record<string, string> | Promise<Record<string, string>>;

  addEventListener<K extends keyof CaseWidgetEventMap>(type: K, listener: (this: CaseWidgetElement, ev: CaseWidgetEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener<K extends keyof HTMLElementEventMap>(type: K, listener: (this: CaseWidgetElement, ev: HTMLElementEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof CaseWidgetEventMap>(type: K, listener: (this: CaseWidgetElement, ev: CaseWidgetEventMap[K]) => unknown, options?: boolean | EventListenerOptions): void;
  removeEventListener<K extends keyof HTMLElementEventMap>(type: K, listener: (this: CaseWidgetElement, ev: HTMLElementEventMap[K]) => unknown, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'case-widget': CaseWidgetElement;
  }
  // The events bubble and are composed: a listener on the document hears them too.
  interface DocumentEventMap extends CaseWidgetEventMap {}
}
