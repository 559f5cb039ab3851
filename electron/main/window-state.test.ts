import { captureWindowState, DEFAULT_SIZE, placeWindow } from './window-state.js';

const laptop = { x: 0, y: 0, width: 1366, height: 728 };
const monitor = { x: 1366, y: 0, width: 1920, height: 1040 };

describe('where the window opens', () => {
  it('opens where it was closed when that place is on a screen', () => {
    const saved = { x: 1500, y: 100, width: 1200, height: 800, maximized: false };
    expect(placeWindow(saved, [laptop, monitor])).toEqual({
      bounds: { x: 1500, y: 100, width: 1200, height: 800 },
      maximized: false,
    });
  });

  it('opens at the default size, centred, when its screen has been unplugged', () => {
    const saved = { x: 1500, y: 100, width: 1200, height: 800, maximized: true };
    expect(placeWindow(saved, [laptop])).toEqual({ bounds: DEFAULT_SIZE, maximized: true });
  });

  it('does not open with only a sliver on screen that the mouse cannot grab', () => {
    const saved = { x: 1300, y: 100, width: 1000, height: 700, maximized: false };
    expect(placeWindow(saved, [laptop]).bounds).toEqual(DEFAULT_SIZE);
  });

  it('opens at the default size the first time', () => {
    expect(placeWindow(undefined, [laptop])).toEqual({ bounds: DEFAULT_SIZE, maximized: false });
  });

  it('remembers the normal bounds, rounded, and whether it was maximized', () => {
    const win = { getNormalBounds: () => ({ x: 10.4, y: 20.6, width: 1000.2, height: 700 }), isMaximized: () => true };
    expect(captureWindowState(win)).toEqual({ x: 10, y: 21, width: 1000, height: 700, maximized: true });
  });
});
