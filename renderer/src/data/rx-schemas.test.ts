import { commandRxSchema, groupRxSchema, kindergartenRxSchema } from './rx-schemas.js';

describe('the local replica’s schemas', () => {
  it('are generated from the shared zod schemas with a bounded primary key', () => {
    for (const schema of [groupRxSchema, commandRxSchema, kindergartenRxSchema]) {
      expect(schema.primaryKey).toBe('id');
      expect(schema.properties.id).toMatchObject({ type: 'string', maxLength: 36 });
    }
    expect(groupRxSchema.required).toEqual(expect.arrayContaining(['id', 'name', 'capacity', 'rev', 'updatedAt']));
    expect(groupRxSchema.properties.capacity).toMatchObject({ type: 'integer', minimum: 0, maximum: 60 });
  });

  it('bound every indexed string, as RxDB requires', () => {
    expect(groupRxSchema.indexes).toEqual(['name']);
    expect(groupRxSchema.properties.name).toMatchObject({ maxLength: 100 });
    expect(commandRxSchema.properties.status).toMatchObject({ maxLength: 16 });
  });

  it('leave formats to the server’s validation', () => {
    expect(JSON.stringify(groupRxSchema)).not.toContain('"format"');
  });
});
