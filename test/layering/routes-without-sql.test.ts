import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

/**
 * Routes only parse, call and answer (issue #19 point 3): no file under server/http/routes/ holds SQL
 * or talks to the database itself; statements live in per-domain query modules (server/parents/,
 * server/auth/queries.ts, server/groups/, ...). Read with the TypeScript parser, so comments and
 * identifiers never count, only string and template literals and calls.
 */

const routesDir = 'server/http/routes';

/** SQL statement shapes, matched in a literal's text. */
const sqlShapes: readonly RegExp[] = [
  /\bselect\b[\s\S]*\bfrom\b/i,
  /\binsert\s+into\b/i,
  /\bupdate\s+[a-z_."]+\s+set\b/i,
  /\bdelete\s+from\b/i,
  /\bwith\s+[a-z_]+\s+as\s*\(/i,
  /\bcall\s+[a-z_]+\s*\(/i,
];

/** Methods of the database handle (server/db/db.ts) a route must not call itself. */
const databaseMethods = new Set(['query', 'exec', 'transaction']);

/** What in this source looks like SQL or a database call: "line: finding" entries. */
function sqlIn(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const at = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const visit = (node: ts.Node) => {
    let literal: string | null = null;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) literal = node.text;
    else if (ts.isTemplateExpression(node))
      literal = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' ? ');
    if (literal !== null && sqlShapes.some((shape) => shape.test(literal))) {
      found.push(`${at(node)}: SQL text ${JSON.stringify(literal.slice(0, 60))}`);
    }
    if (ts.isTaggedTemplateExpression(node) && /sql/i.test(node.tag.getText(source))) {
      found.push(`${at(node)}: SQL template tagged ${node.tag.getText(source)}`);
    }
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      databaseMethods.has(node.expression.name.text)
    ) {
      found.push(`${at(node)}: database call .${node.expression.name.text}()`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const routeFiles = () =>
  readdirSync(routesDir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(routesDir, name));

describe('routes without SQL', () => {
  it('finds no SQL text and no database call in any file under server/http/routes/', () => {
    const files = routeFiles();
    expect(files).toContain(join(routesDir, 'parent.ts'));
    const offenders = files.flatMap((file) => sqlIn(file, readFileSync(file, 'utf8')).map((f) => `${file}:${f}`));
    expect(offenders).toEqual([]);
  });

  it('catches the SQL the routes used to hold, in every form a statement takes', () => {
    const route = (body: string) => `export async function handler(db: Db) {\n${body}\n}`;
    expect(
      sqlIn('a.ts', route(`await db.query<{ id: string }>('select city_id from applicants where id = $1', [id]);`)),
    ).toEqual(['2: database call .query()', '2: SQL text "select city_id from applicants where id = $1"']);
    expect(sqlIn('b.ts', route('const text = `select p.id\n from publications p where p.id = ${id}`;'))).toHaveLength(
      1,
    );
    expect(sqlIn('c.ts', route(`const text = "insert into audit_log (at) values ($1)";`))).toHaveLength(1);
    expect(sqlIn('d.ts', route(`const text = 'update groups set capacity = $2 where id = $1';`))).toHaveLength(1);
    expect(sqlIn('e.ts', route(`const text = 'DELETE FROM parent_sessions WHERE id = $1';`))).toHaveLength(1);
    expect(sqlIn('f.ts', route('const rows = sql`select 1`;'))).toHaveLength(1);
    expect(sqlIn('g.ts', route('await run(db.exec);\nawait db.exec(script);'))).toEqual(['3: database call .exec()']);
    expect(sqlIn('h.ts', route('await db.transaction(async (tx) => work(tx));'))).toEqual([
      '2: database call .transaction()',
    ]);
  });

  it('leaves alone the words of summaries, comments and calls of the domain modules', () => {
    const route = [
      '// select the rows from the query module; update the set of seats',
      "const summary = 'Refuses the referral (the seat returns)';",
      "const other = 'Changes after a checkpoint, in commit order';",
      'const offers = await parentOffers(db, applicantId, now);',
      'return reply.code(404).send({ error: query.city });',
    ].join('\n');
    expect(sqlIn('i.ts', route)).toEqual([]);
  });
});
