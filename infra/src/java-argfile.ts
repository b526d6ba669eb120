/**
 * The contents of a java launcher argument file (`java @file`): one argument per line,
 * double-quoted, with `\` and `"` escaped and line breaks written as escapes. Arguments passed
 * this way (the main class and its arguments included) never show in the process list (`ps`,
 * /proc/<pid>/cmdline) nor in an error that quotes the command: where secrets go.
 */
export function javaArgFile(args: readonly string[]): string {
  const quoted = args.map((arg) => `"${arg.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r/g, '\\r').replace(/\n/g, '\\n')}"`);
  return `${quoted.join('\n')}\n`;
}
