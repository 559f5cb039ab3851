import { createContext, useContext } from 'react';

export const screens = ['dashboard', 'groups', 'schedule', 'publications', 'claims', 'documents', 'children'] as const;
export type Screen = (typeof screens)[number];

export interface Navigation {
  screen: Screen;
  /** Text the opened screen searches for at once (a child's name from the rejections inbox). */
  focus: string;
  go(screen: Screen, focus?: string): void;
}

export const NavigationContext = createContext<Navigation>({ screen: 'dashboard', focus: '', go: () => undefined });
export const useNavigation = () => useContext(NavigationContext);
