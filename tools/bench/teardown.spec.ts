import { Teardown } from './teardown';

describe('Teardown', () => {
  it('stops the last started first, once, and carries on past a failing step', async () => {
    const stopped: string[] = [];
    const lines: string[] = [];
    const teardown = new Teardown((l) => lines.push(l));
    teardown.add('infra', async () => stopped.push('infra'));
    teardown.add('suite', async () => {
      throw new Error('already gone');
    });
    teardown.add('devices', async () => stopped.push('devices'));
    await Promise.all([teardown.run(), teardown.run()]);
    await teardown.run();
    expect(stopped).toEqual(['devices', 'infra']);
    expect(lines).toEqual(['could not stop suite: already gone']);
  });

  it('also stops what is started while it is stopping', async () => {
    const stopped: string[] = [];
    const teardown = new Teardown(() => undefined);
    teardown.add('infra', async () => stopped.push('infra'));
    teardown.add('slow', async () => {
      teardown.add('late', async () => stopped.push('late'));
      stopped.push('slow');
    });
    await teardown.run();
    expect(stopped).toEqual(['slow', 'late', 'infra']);
  });
});
