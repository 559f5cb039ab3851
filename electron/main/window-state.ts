import type { BrowserWindow, Rectangle } from 'electron';
import { z } from 'zod';

export const MIN_WIDTH = 900;
export const MIN_HEIGHT = 600;
export const DEFAULT_SIZE = { width: 1280, height: 820 };

export const windowStateSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(MIN_WIDTH).max(20_000),
  height: z.number().int().min(MIN_HEIGHT).max(20_000),
  maximized: z.boolean().catch(false),
});
export type WindowState = z.output<typeof windowStateSchema>;

export interface WindowPlacement {
  bounds: { width: number; height: number; x?: number; y?: number };
  maximized: boolean;
}

/** How much of the window must lie on a connected screen to be reachable with the mouse. */
const REACHABLE = { width: 160, height: 80 };

/**
 * Where to open the window: where it was, when enough of it is still on one of the screens
 * (a monitor may have been unplugged since); else the default size, centred by the system.
 */
export function placeWindow(saved: WindowState | undefined, workAreas: readonly Rectangle[]): WindowPlacement {
  if (saved && workAreas.some((area) => overlaps(saved, area))) {
    const { x, y, width, height, maximized } = saved;
    return { bounds: { x, y, width, height }, maximized };
  }
  return { bounds: { ...DEFAULT_SIZE }, maximized: saved?.maximized ?? false };
}

function overlaps(rect: Rectangle, area: Rectangle): boolean {
  const width = Math.min(rect.x + rect.width, area.x + area.width) - Math.max(rect.x, area.x);
  const height = Math.min(rect.y + rect.height, area.y + area.height) - Math.max(rect.y, area.y);
  return width >= REACHABLE.width && height >= REACHABLE.height;
}

/** The size and place to remember: the normal (unmaximized) bounds, and whether it was maximized. */
export function captureWindowState(win: Pick<BrowserWindow, 'getNormalBounds' | 'isMaximized'>): WindowState {
  const { x, y, width, height } = win.getNormalBounds();
  return {
    x: Math.round(x),
    y: Math.round(y),
    width: Math.max(MIN_WIDTH, Math.round(width)),
    height: Math.max(MIN_HEIGHT, Math.round(height)),
    maximized: win.isMaximized(),
  };
}
