import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

/**
 * One "which seats count" definition (issue #19 point 1): the SQL conditions of a seat counted in a
 * group's load are written once, in server/intake/counted-seats.ts, and every reader derives its
 * statement from there — the group load, the department dashboard and the scheduler's held seats
 * (returned, not yet republished: what it republishes when the August pause ends). Read with the
 * TypeScript parser, so comments never count, only string and template literals. Migrations (an
 * index's predicate) are SQL files, not scanned.
 */

const home = 'server/intake/counted-seats.ts';
const productionRoots = ['server', 'shared'];

/** The conditions' shapes, matched in a literal's text. */
const conditionShapes: Record<string, RegExp> = {
  // A held seat: a returned seat not yet republished (as a comparison, not `set status = 'returned'`).
  'returned seat not republished': /\brepublished_as\s+is\s+null\b/i,
  'seat compared to returned': /(?<!\bset\s+)\bstatus\s*(?:=\s*'returned'|in\s*\([^)]*'returned')/i,
  // A referral's seat that still counts: before its deadline, or past it while the publication stands.
  'referral counted past its deadline': /\bcontract_deadline\s*>=[^()]*\bor\b[^()]*\bwithdrawn_at\s+is\s+null\b/i,
};

const sources = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name))
    .map((name) => join(dir, name).split('\\').join('/'));

/** The conditions written in this source's literals: "shape" entries. */
function conditionsIn(file: string, text = readFileSync(file, 'utf8')): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    let literal: string | null = null;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) literal = node.text;
    else if (ts.isTemplateExpression(node))
      literal = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' ? ');
    if (literal !== null)
      for (const [shape, pattern] of Object.entries(conditionShapes)) if (pattern.test(literal)) found.push(shape);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('which seats count', () => {
  it('is written in one module of the production code', () => {
    const writers = productionRoots
      .flatMap(sources)
      .flatMap((file) => conditionsIn(file).map((shape) => `${file}: ${shape}`))
      .filter((entry) => !entry.startsWith(`${home}:`));
    expect(writers).toEqual([]);
  });

  it('is recognised where it is written, each condition once', () => {
    expect(conditionsIn(home).sort()).toEqual(Object.keys(conditionShapes).sort());
  });

  it('gives the scheduler its held seats', () => {
    const scheduler = readFileSync('server/intake/scheduler.ts', 'utf8');
    expect(scheduler).toMatch(/import \{ heldSeats \} from '\.\/counted-seats\.js'/);
    expect(scheduler).toMatch(/const HELD_SEATS = heldSeats\(/);
  });

  it('would catch the held condition written again, as the scheduler once did, and not a seat returned', () => {
    const copy = `// The seats to republish: s.republished_as is null
const HELD_SEATS = \`select s.id, s.kindergarten_id from seats s join publications p on p.id = s.publication_id
 where s.status = 'returned' and s.republished_as is null and p.withdrawn_at is null
 order by s.updated_at limit 500\`;`;
    expect(conditionsIn('server/intake/scheduler.ts', copy).sort()).toEqual([
      'returned seat not republished',
      'seat compared to returned',
    ]);
    const returning =
      "await tx.query(`update seats set status = 'returned', updated_at = $2 where id = $1`, [id, now]);";
    expect(conditionsIn('server/intake/publications.ts', returning)).toEqual([]);
  });
});
