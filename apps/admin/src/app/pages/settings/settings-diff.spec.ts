import type { Settings } from '../../core/api/api-types';
import { changedSettings } from './settings-diff';

describe(changedSettings.name, () => {
  it('sends only what changed, numbers as numbers', () => {
    const saved = { routingStrategy: 'priority', accountConcurrency: 3, modelAliases: { a: 'b' }, logBodies: false } as Settings;
    const draft = { ...saved, accountConcurrency: '4' as unknown as number, logBodies: true, modelAliases: { a: 'b' } };
    expect(changedSettings(saved, draft)).toEqual({ accountConcurrency: 4, logBodies: true });
  });
});
