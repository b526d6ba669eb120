import { parseBenchOptions, UsageError } from './bench-options';

describe('parseBenchOptions', () => {
  it('defaults to a closed-loop Kafka run of 20000 messages to 100 recipients', () => {
    expect(parseBenchOptions([])).toEqual({
      messages: 20000, recipients: 100, rate: undefined, prefill: 0, http: false, inbound: false, media: false, mediaBytes: 1048576, clients: 32, batch: 200, businessRate: 1000, timeoutS: 900, out: undefined,
    });
  });

  it('reads every flag', () => {
    const options = parseBenchOptions(['--messages', '500', '--recipients', '5', '--rate', '12.5', '--prefill', '1000', '--http', '--clients', '8', '--business-rate', '5000', '--timeout-s', '60', '--out', '/tmp/b.json']);
    expect(options).toMatchObject({ messages: 500, recipients: 5, rate: 12.5, prefill: 1000, http: true, clients: 8, businessRate: 5000, timeoutS: 60, out: '/tmp/b.json' });
  });

  it('refuses counts that are not positive integers and rates that are not positive', () => {
    expect(() => parseBenchOptions(['--messages', '0'])).toThrow(UsageError);
    expect(() => parseBenchOptions(['--recipients', '2.5'])).toThrow(UsageError);
    expect(() => parseBenchOptions(['--rate', '0'])).toThrow(UsageError);
    expect(() => parseBenchOptions(['--prefill', 'many'])).toThrow(UsageError);
    expect(() => parseBenchOptions(['--business-rate', '2000000'])).toThrow(UsageError);
  });

  it('reads --inbound, and refuses it beside an outbound mode', () => {
    expect(parseBenchOptions(['--inbound', '--messages', '2000', '--recipients', '50'])).toMatchObject({ inbound: true, messages: 2000, recipients: 50 });
    expect(() => parseBenchOptions(['--inbound', '--http'])).toThrow('--inbound runs alone: --http is for the outbound modes');
    expect(() => parseBenchOptions(['--rate', '10', '--inbound'])).toThrow(UsageError);
    expect(() => parseBenchOptions(['--inbound', '--prefill=100'])).toThrow(UsageError);
  });

  it('reads --media, 200 images of 1 MiB unless told, and refuses it beside another mode', () => {
    expect(parseBenchOptions(['--media'])).toMatchObject({ media: true, messages: 200, mediaBytes: 1048576 });
    expect(parseBenchOptions(['--media', '--messages', '50', '--media-bytes', '4096'])).toMatchObject({ messages: 50, mediaBytes: 4096 });
    expect(() => parseBenchOptions(['--media', '--http'])).toThrow('--media runs alone: --http is another mode');
    expect(() => parseBenchOptions(['--media', '--inbound'])).toThrow(UsageError);
    expect(() => parseBenchOptions(['--media', '--media-bytes', String(101 * 1024 * 1024)])).toThrow(UsageError);
  });

  it('refuses unknown flags', () => {
    expect(() => parseBenchOptions(['--mesages', '10'])).toThrow(UsageError);
  });
});
