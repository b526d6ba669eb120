/** Progress lines for long infrastructure work, so a first run never looks stuck. */
export type Progress = (line: string) => void;

export const printProgress: Progress = (line) => {
  process.stdout.write(`[sealpost ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
};

export const silentProgress: Progress = () => undefined;
