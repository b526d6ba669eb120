import { join, resolve } from 'node:path';

export const KAFKA_VERSION = '3.9.1';
export const FERRETDB_VERSION = 'v1.24.2';

/** Where the embedded infrastructure keeps its downloads, data, logs and pid files. */
export interface InfraLayout {
  projectRoot: string;
  /** shared download/build cache: jars and the FerretDB binary */
  cacheDir: string;
  /** per-instance state: data, logs, pid files */
  stateDir: string;
  /** the data folder whose credentials/ receives generated Kafka passwords (services read them there) */
  secretsDir: string;
}

export function projectRoot(): string {
  // compiled to dist/infra/src, sources in infra/src: the root holds package.json either way
  const here = __dirname;
  return here.includes(`${join('dist', 'infra')}`) ? resolve(here, '../../..') : resolve(here, '../..');
}

export function defaultLayout(dataDir = join(projectRoot(), '.sealpost')): InfraLayout {
  return { projectRoot: projectRoot(), cacheDir: join(dataDir, 'cache'), stateDir: join(dataDir, 'infra'), secretsDir: dataDir };
}
