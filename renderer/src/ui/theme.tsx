import { MantineProvider } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * Mantine without any <style> element (the CSP allows styles from the app's own files only):
 * its CSS variables and global classes come from the static stylesheet imported in main.tsx.
 */
export function Theme({ children }: { children: ReactNode }) {
  return (
    <MantineProvider withCssVariables={false} withGlobalClasses={false} forceColorScheme="light">
      {children}
    </MantineProvider>
  );
}
