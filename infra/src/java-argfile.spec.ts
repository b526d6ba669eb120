import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from './run-command';
import { javaArgFile } from './java-argfile';

describe('javaArgFile', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'argfile-'));
    writeFileSync(join(dir, 'Echo.java'), 'public class Echo { public static void main(String[] a) { for (String s : a) System.out.println("[" + s + "]"); } }\n');
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('hands java every argument back exactly, quotes, backslashes, spaces, # and line breaks included', async () => {
    const args = ['plain', 'SCRAM-SHA-512=[name=sealpost-admin,password=p"a\\ss w#rd]', 'two\nlines', '@not-a-file', ''];
    writeFileSync(join(dir, 'args'), javaArgFile([join(dir, 'Echo.java'), ...args]));
    const output = await runCommand('java', [`@${join(dir, 'args')}`]);
    expect(output).toBe(args.map((a) => `[${a}]\n`).join(''));
  }, 60000);

  it('keeps the arguments out of the command line, so an error quoting the command holds none of them', async () => {
    writeFileSync(join(dir, 'failing'), javaArgFile(['NoSuchMainClass', 'password=CANARY-secret']));
    const failure = runCommand('java', [`@${join(dir, 'failing')}`]);
    await expect(failure).rejects.toThrow(/exited with 1/);
    await expect(failure).rejects.not.toThrow(/CANARY-secret/);
  }, 60000);
});
