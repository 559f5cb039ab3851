import { createContext, useContext } from 'react';

export const screens = ['dashboard', 'groups', 'schedule', 'publications', 'claims', 'documents', 'children'] as const;
export type Screen = (typeof screens)[number];

export interface Navigation {
  screen: Screen;
  /** Text the opened screen searches for at once (a child's name from the rejections inbox). */
  focus: string;
  /** The object whose row the opened screen highlights and scrolls to (a link from "Today"). */
  row: string;
  go(screen: Screen, focus?: string, row?: string): void;
}

export const NavigationContext = createContext<Navigation>({
  screen: 'dashboard',
  focus: '',
  row: '',
  go: () => undefined,
});

/** The screen a command's object is shown on. */
export function screenOfCommand(kind: string): Screen {
  if (kind.startsWith('referral.')) return 'claims';
  if (kind.startsWith('contract.')) return 'children';
  if (kind.startsWith('publication.')) return 'publications';
  if (kind.startsWith('scheduleEntry.')) return 'schedule';
  return 'groups';
}
export const useNavigation = () => useContext(NavigationContext);
