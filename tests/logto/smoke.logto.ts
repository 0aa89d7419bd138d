import { expect, it } from 'vitest';
import { readEnvironment } from './support/environment.js';
import { connectManagementApi } from './support/management.js';

it('smoke', async () => {
  const api = await connectManagementApi(readEnvironment());
  const factories = await api.ok<Array<{ id: string }>>('GET', '/connector-factories');
  console.log(factories.map((f) => f.id));
  expect(factories.length).toBeGreaterThan(0);
});
