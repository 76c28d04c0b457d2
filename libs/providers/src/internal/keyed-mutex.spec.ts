import { KeyedMutex } from './keyed-mutex';

describe(KeyedMutex.name, () => {
  it('runs holders of one key one after another, in arrival order', async () => {
    const sut = new KeyedMutex();
    const order: string[] = [];
    const run = async (name: string, key: string) => {
      const release = await sut.acquire(key);
      order.push(`${name} start`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      order.push(`${name} end`);
      release();
    };
    await Promise.all([run('a', 'k'), run('b', 'k'), run('c', 'k')]);
    expect(order).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
  });

  it('lets different keys run at the same time and forgets idle keys', async () => {
    const sut = new KeyedMutex();
    const first = await sut.acquire('x');
    const second = await sut.acquire('y');
    expect(sut.size).toBe(2);
    first();
    second();
    first();
    expect(sut.size).toBe(0);
  });
});
