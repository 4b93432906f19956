// <case-widget> in React 19's JSX: `import type {} from 'case-widget/react'` once in the app.
// React 19 sets the attributes and listens to `on<event name>` props, e.g. `oncase-submitted`.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { CaseWidgetAttributes, CaseWidgetElement, CaseWidgetEventMap } from './index.js';

export * from './index.js';

/** `oncase-ready`, `oncase-submitted`, …: a listener for each of the element's events. */
export type CaseWidgetEventProps = {
  [K in keyof CaseWidgetEventMap as `on${K}`]?: (event: CaseWidgetEventMap[K]) => void;
};

/** The props of <case-widget> in JSX. */
export type CaseWidgetProps = Omit<DetailedHTMLProps<HTMLAttributes<CaseWidgetElement>, CaseWidgetElement>, keyof CaseWidgetAttributes> &
  CaseWidgetAttributes &
  CaseWidgetEventProps;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'case-widget': CaseWidgetProps;
    }
  }
}
