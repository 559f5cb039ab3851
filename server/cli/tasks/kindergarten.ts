import { v7 as uuidv7 } from 'uuid';
import { optional, parseOptions, required } from '../args.js';
import { CliError } from '../errors.js';
import { printRows } from '../output.js';
import type { CliCommand } from '../registry.js';
import { findCity } from './lookups.js';

const create: CliCommand = {
  name: 'kindergarten:create',
  summary: 'register a kindergarten of a city; prints its id',
  usage: `Usage: npm run admin -- kindergarten:create --name-ru <name> --name-kk <name> --city <city id> [--address <text>]

Registers a kindergarten and prints its id (staff accounts and queue choices refer to it).
  --name-ru   official name in Russian, as printed on documents
  --name-kk   official name in Kazakh
  --city      city id, e.g. petropavl
  --address   street address (optional)

Example:
  npm run admin -- kindergarten:create --name-ru "Ясли-сад № 2 «Айгөлек»" --name-kk "№ 2 «Айгөлек» бөбекжай-бақшасы" --city petropavl --address "ул. Жамбыла, 10"`,
  async run(ctx, argv) {
    const o = parseOptions(argv, {
      'name-ru': { type: 'string' },
      'name-kk': { type: 'string' },
      city: { type: 'string' },
      address: { type: 'string' },
    });
    const nameRu = required(o['name-ru'], 'name-ru');
    const nameKk = required(o['name-kk'], 'name-kk');
    const cityId = required(o.city, 'city');
    const address = optional(o.address) ?? '';
    if (nameRu.length > 200 || nameKk.length > 200 || address.length > 300) {
      throw new CliError('names are at most 200 characters, the address at most 300');
    }
    const id = uuidv7();
    await ctx.db.transaction(async (tx) => {
      const city = await findCity(tx, cityId);
      const [same] = await tx.query<{ id: string }>(
        'select id from kindergartens where city_id = $1 and lower(name_ru) = lower($2) and not deleted',
        [city.id, nameRu],
      );
      if (same) throw new CliError(`${city.id} already has a kindergarten named "${nameRu}": ${same.id}`);
      const now = ctx.clock.now();
      await tx.query(
        `insert into kindergartens (id, name_ru, name_kk, city, city_id, address, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $7)`,
        [id, nameRu, nameKk, city.name_ru, city.id, address, now],
      );
      await ctx.audit(tx, {
        objectType: 'kindergarten',
        objectId: id,
        kindergartenId: id,
        details: { nameRu, nameKk, city: city.id, address },
      });
    });
    ctx.out.line(id);
  },
};

const list: CliCommand = {
  name: 'kindergarten:list',
  summary: 'list kindergartens with their staff counts',
  usage: `Usage: npm run admin -- kindergarten:list [--city <city id>] [--json]

  --city   only this city's kindergartens
  --json   print JSON instead of a table`,
  async run(ctx, argv) {
    const o = parseOptions(argv, { city: { type: 'string' }, json: { type: 'boolean' } });
    const cityId = optional(o.city);
    if (cityId) await findCity(ctx.db, cityId);
    const rows = await ctx.db.query<{
      id: string;
      city: string;
      name_ru: string;
      name_kk: string;
      address: string;
      staff: number;
    }>(
      `select k.id, k.city_id as city, k.name_ru, k.name_kk, k.address,
              (select count(*) from staff s where s.kindergarten_id = k.id and s.disabled_at is null)::int as staff
         from kindergartens k
        where not k.deleted and ($1::text is null or k.city_id = $1)
        order by k.city_id, k.name_ru`,
      [cityId ?? null],
    );
    await ctx.audit(ctx.db, { objectType: 'kindergarten', details: { city: cityId ?? null, count: rows.length } });
    printRows(ctx.out, rows, ['id', 'city', 'name_ru', 'staff', 'address'], o.json);
  },
};

export const kindergartenCommands: CliCommand[] = [create, list];
