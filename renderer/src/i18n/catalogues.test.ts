import { rejectionCodeSchema } from '../../../shared/commands/rejection.js';
import { en } from './en.js';
import { kk } from './kk.js';
import { ru } from './ru.js';

type Tree = { [key: string]: string | Tree };
function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`),
  );
}
const placeholders = (text: string) => [...text.matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort();
function leaf(tree: Tree, path: string): string {
  return path.split('.').reduce<string | Tree>((node, k) => (node as Tree)[k] ?? '', tree) as string;
}

describe('the three catalogues', () => {
  const catalogues = { kk: kk as Tree, en: en as Tree };

  it('have exactly the Russian catalogue’s keys', () => {
    const expected = keys(ru as Tree).sort();
    for (const catalogue of Object.values(catalogues)) expect(keys(catalogue).sort()).toEqual(expected);
  });

  it('translate every rejection code the server can send', () => {
    for (const code of rejectionCodeSchema.options) {
      for (const catalogue of [ru, kk, en]) expect(catalogue.rejection[code], code).toMatch(/\S/);
    }
  });

  it('use the same placeholders as the Russian text', () => {
    for (const key of keys(ru as Tree)) {
      for (const [name, catalogue] of Object.entries(catalogues)) {
        expect(placeholders(leaf(catalogue, key)), `${name}: ${key}`).toEqual(placeholders(leaf(ru as Tree, key)));
      }
    }
  });
});
