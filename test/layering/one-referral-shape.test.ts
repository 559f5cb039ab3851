import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The production code: every layer, and the build's tools. */
const ROOTS = ['shared', 'server', 'renderer', 'electron', 'tools'];
/** The one referral shape: the zod document every other referral type picks from (issue 19, point 1). */
const HOME = 'shared/domain/referral.ts';
/**
 * The parent API's answer (GET /api/parent/referrals) as its two HTTP clients read it: the parent
 * page and the demo's simulated parents. A wire shape, not a second shape of the stored referral.
 */
const WIRE_SHAPES = ['renderer/parent/app.ts', 'server/demo/simulator.ts'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|js|mjs)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** The interfaces and type aliases a source declares, by name. */
const declaredTypes = (source: string): string[] =>
  [...source.matchAll(/(?:^|[\s;{}])(?:interface|type)\s+([A-Za-z_$][\w$]*)\s*(?:[<={]|extends\b)/g)].map((m) => m[1]!);

/**
 * A second referral shape: a `*ReferralRow*` anywhere, or a `Referral` declared outside the domain;
 * likewise a `*PublicationRow*`, `*EnrollmentRow*`, `*DepartureRow*` or `*ApplicantRow*` (the intake's locked rows are Picks of the domain types).
 */
const secondShapes = (file: string, source: string): string[] =>
  declaredTypes(source)
    .filter(
      (name) =>
        /(Referral|Publication|Enrollment|Departure|Applicant)Row/.test(name) || (name === 'Referral' && file !== HOME),
    )
    .map((name) => `${file}: ${name}`);

const production = () =>
  ROOTS.flatMap(sourceFiles)
    .map((file) => file.split('\\').join('/'))
    .filter((file) => !WIRE_SHAPES.includes(file));

/**
 * A referral is the zod document in shared/domain/referral.ts and nothing else: the rules take
 * `Pick<>`s of it, the server's loaders select its fields under their camelCase names. A server
 * row type (`ReferralRow`) or a rules-local `Referral` with a `Date` deadline is a second shape kept
 * in step by a converter, so declaring one fails here.
 */
describe('one referral shape', () => {
  it('recognises a second shape: a row type, a rules-local Referral, with or without generics', () => {
    const samples = [
      'export interface ReferralRow {\n  id: string;\n}',
      'type ApplicantReferralRow = Pick<Referral, "id">;',
      'export type Referral = { status: ReferralStatus; contractDeadline: Date };',
      'interface Referral<T> extends Base<T> {}',
      'export interface EnrollmentRow {\n  group_id: string;\n}',
      'export interface PublicationRow {\n  id: string;\n}',
    ];
    expect(samples.flatMap((source) => secondShapes('shared/rules/x.ts', source))).toEqual([
      'shared/rules/x.ts: ReferralRow',
      'shared/rules/x.ts: ApplicantReferralRow',
      'shared/rules/x.ts: Referral',
      'shared/rules/x.ts: Referral',
      'shared/rules/x.ts: EnrollmentRow',
      'shared/rules/x.ts: PublicationRow',
    ]);
    expect(secondShapes(HOME, 'export type Referral = z.infer<typeof referralSchema>;')).toEqual([]);
    expect(secondShapes('server/x.ts', 'export type ReferralPhase = Pick<Referral, "status">;')).toEqual([]);
  });

  it('finds the domain type where it is declared', () => {
    expect(declaredTypes(readFileSync(HOME, 'utf8'))).toContain('Referral');
  });

  it('has no second referral type anywhere in production code', () => {
    const found = production().flatMap((file) => secondShapes(file, readFileSync(file, 'utf8')));
    expect(found).toEqual([]);
  });

  it('has no converter into the rules’ old shape: no referral deadline typed as a Date in the rules or the intake', () => {
    const found = production()
      .filter((file) => /^(shared\/rules|server\/intake|server\/parents)\//.test(file))
      .filter((file) =>
        /contractDeadline\??:\s*Date\b|\blifecycleView\b|\blifecycleOf\b/.test(readFileSync(file, 'utf8')),
      );
    expect(found).toEqual([]);
  });
});
