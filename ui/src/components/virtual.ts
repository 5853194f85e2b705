// A Preact binding of @tanstack/virtual-core: only the rows in view (plus a margin) are in the
// DOM, so a list of 10,000 sessions or a 2,000-event timeline renders as fast as a short one.
import {
  Virtualizer,
  elementScroll,
  observeElementOffset,
  observeElementRect,
  type VirtualizerOptions,
} from '@tanstack/virtual-core';
import { useLayoutEffect, useReducer, useState } from 'preact/hooks';

type Options = Pick<
  VirtualizerOptions<HTMLElement, Element>,
  'count' | 'estimateSize' | 'getScrollElement'
> &
  Partial<
    Pick<
      VirtualizerOptions<HTMLElement, Element>,
      'overscan' | 'getItemKey' | 'paddingStart' | 'paddingEnd'
    >
  >;

/** A virtualizer over a scrolling element; re-renders the caller when the visible range changes. */
export function useVirtualizer(options: Options): Virtualizer<HTMLElement, Element> {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const full: VirtualizerOptions<HTMLElement, Element> = {
    overscan: 8,
    ...options,
    scrollToFn: elementScroll,
    observeElementRect,
    observeElementOffset,
    onChange: () => rerender(undefined),
  };
  const [v] = useState(() => new Virtualizer<HTMLElement, Element>(full));
  v.setOptions(full);
  useLayoutEffect(() => v._didMount(), [v]);
  useLayoutEffect(() => {
    v._willUpdate();
  });
  return v;
}
