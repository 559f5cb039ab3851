import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = { group: ['node:*'], message: 'Node APIs belong to server/ or electron/main, not this layer.' };
const forbid = (names, message) => names.map((name) => ({ name, message }));
const layerRule = (paths, patterns) => ['error', { paths, patterns }];

/**
 * Layering: imports go downward only. shared/ uses no runtime of any host; renderer, electron
 * and server use shared/ and never each other. The compiler enforces the same through one
 * tsconfig per layer; test/layering proves both fail on a wrong import.
 */
export const layerRules = {
  shared: layerRule(
    forbid(
      ['electron', 'react', 'react-dom', 'rxdb', 'rxjs', 'dexie', 'fastify', 'pg', '@electric-sql/pglite'],
      'shared/ is the pure domain: no Electron, React, RxDB, server or Node runtime.',
    ),
    [
      nodeBuiltins,
      { group: ['rxdb/*', 'react-dom/*', '@fastify/*'], message: 'shared/ is the pure domain: no host runtime.' },
      { group: ['**/server/**', '**/renderer/**', '**/electron/**'], message: 'shared/ imports no other layer.' },
    ],
  ),
  renderer: layerRule(
    forbid(
      ['electron', 'fastify', 'pg', '@electric-sql/pglite'],
      'The renderer talks to its host through HostApi and to the server over HTTP.',
    ),
    [
      nodeBuiltins,
      {
        group: ['**/server/**', '**/electron/**'],
        message: 'renderer/ imports shared/ only, never server/ or electron/.',
      },
    ],
  ),
  server: layerRule(forbid(['electron', 'react', 'react-dom'], 'The server has no UI.'), [
    {
      group: ['**/renderer/**', '**/electron/**'],
      message: 'server/ imports shared/ only, never renderer/ or electron/.',
    },
  ]),
  electron: layerRule(
    forbid(['react', 'react-dom', 'rxdb', 'fastify'], 'The Electron shell stays thin: no UI or data runtime.'),
    [{ group: ['**/renderer/**', '**/server/**'], message: 'electron/ imports shared/ only.' }],
  ),
};

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'test/layering/fixtures/**',
      'bench/results/**',
      '.tmp/**',
      '.data/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      'no-console': 'off',
    },
  },
  { files: ['shared/**/*.ts'], rules: { 'no-restricted-imports': layerRules.shared } },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules, 'no-restricted-imports': layerRules.renderer },
  },
  {
    files: ['server/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: { 'no-restricted-imports': layerRules.server },
  },
  {
    files: ['electron/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: { 'no-restricted-imports': layerRules.electron },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.{ts,mjs}', 'scripts/**/*.{ts,js,mjs}', '*.config.{ts,js}'],
    languageOptions: { globals: globals.node },
  },
);
