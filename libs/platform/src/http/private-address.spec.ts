import { isPrivateAddress, privateDestination } from './private-address';

describe('isPrivateAddress', () => {
  it.each([
    '127.0.0.1', '127.255.0.9', '10.0.0.1', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0',
    '224.0.0.1', '255.255.255.255', '::1', '::', 'fe80::1', 'fd00::1', 'fc00::1', '::ffff:7f00:1', '::ffff:10.0.0.1', 'ff02::1', 'not an address',
  ])('%s is inside', (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each(['8.8.8.8', '203.0.113.10', '172.32.0.1', '192.169.0.1', '100.128.0.1', '2001:4860:4860::8888', '::ffff:8.8.8.8'])('%s is public', (address) => {
    expect(isPrivateAddress(address)).toBe(false);
  });
});

describe('privateDestination', () => {
  it('names a private address written in the URL', async () => {
    await expect(privateDestination('http://10.1.2.3:8080/hook')).resolves.toBe('10.1.2.3 is a loopback, private or link-local address');
    await expect(privateDestination('http://[::1]/hook')).resolves.toBe('::1 is a loopback, private or link-local address');
  });

  it('names a host name that resolves inside', async () => {
    await expect(privateDestination('http://localhost:9/hook')).resolves.toMatch(/^localhost resolves to (127\.0\.0\.1|::1), a loopback/);
  });

  it('passes a public address, and a name that does not resolve (the connection is checked again)', async () => {
    await expect(privateDestination('https://203.0.113.10/hook')).resolves.toBeUndefined();
    await expect(privateDestination('https://no-such-host.invalid/hook')).resolves.toBeUndefined();
  });
});
