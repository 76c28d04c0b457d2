import { bindNamedParameters } from './bind-named-parameters';

describe('bindNamedParameters', () => {
  const sql = 'UPDATE "t" SET "a" = :value, "b" = :at WHERE "id" = :id AND "c" > :at';

  it('binds every occurrence as a value, numbers included, so the text stays one prepared statement', () => {
    const first = bindNamedParameters(sql, { value: 'x', at: 1, id: 'i' }, 'positional');
    const second = bindNamedParameters(sql, { value: 'y', at: 2, id: 'j' }, 'positional');
    expect(first).toEqual(['UPDATE "t" SET "a" = ?, "b" = ? WHERE "id" = ? AND "c" > ?', ['x', 1, 'i', 1]]);
    expect(second[0]).toBe(first[0]);
  });

  it('numbers placeholders for PostgreSQL', () => {
    expect(bindNamedParameters(sql, { value: null, at: 5, id: 'i' }, 'numbered')).toEqual([
      'UPDATE "t" SET "a" = $1, "b" = $2 WHERE "id" = $3 AND "c" > $4',
      [null, 5, 'i', 5],
    ]);
  });

  it('refuses a placeholder without a value rather than sending a broken statement', () => {
    expect(() => bindNamedParameters(sql, { value: 1, at: 2 }, 'positional')).toThrow(/:id/);
  });
});
