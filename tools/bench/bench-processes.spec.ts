import { isServiceProcess, ServiceIdentity } from './bench-processes';

describe('isServiceProcess', () => {
  const identity: ServiceIdentity = { main: '/repo/dist/apps/delivery/src/main.js', portAssignment: 'SEALPOST_DELIVERY_PORT=13003', parentPid: 4000 };
  const cmdline = ['/usr/bin/node', '-r', '/repo/infra/register-aliases.js', '/repo/dist/apps/delivery/src/main.js', ''].join('\0');
  const environ = ['PATH=/usr/bin', 'SEALPOST_DELIVERY_PORT=13003', 'LOG_LEVEL=info', ''].join('\0');

  it('is our child running that service on that port', () => {
    expect(isServiceProcess(identity, { ppid: 4000, cmdline, environ })).toBe(true);
  });

  it('is not another run of the same service, nor the same service on another port, nor another service', () => {
    expect(isServiceProcess(identity, { ppid: 4001, cmdline, environ })).toBe(false);
    expect(isServiceProcess(identity, { ppid: 4000, cmdline, environ: environ.replace('13003', '130030') })).toBe(false);
    expect(isServiceProcess(identity, { ppid: 4000, cmdline: cmdline.replace('delivery', 'audit'), environ })).toBe(false);
  });
});
