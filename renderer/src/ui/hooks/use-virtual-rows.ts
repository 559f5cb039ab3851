import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';

/**
 * A table's rows virtualized in their scroller: the rows to render and the heights of the spacer
 * rows before and after them. TanStack Virtual re-renders the calling component itself on scroll.
 */
export function useVirtualRows(count: number, rowHeight: number) {
  const scroller = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  const before = items[0]?.start ?? 0;
  const after = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  return { scroller, items, before, after };
}
