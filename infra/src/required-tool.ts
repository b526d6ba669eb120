import { spawnSync } from 'node:child_process';

const INSTALL_HINTS: Record<string, string> = {
  java: 'install a Java 17+ runtime (Debian: apt-get install openjdk-17-jre-headless)',
  mvn: 'install Apache Maven 3.8+ (Debian: apt-get install maven)',
  go: 'install Go 1.24+ (https://go.dev/doc/install, or Debian: apt-get install golang)',
};

/** Fails with a message that names the missing tool and says what to install. */
export function requireTool(tool: keyof typeof INSTALL_HINTS, env: NodeJS.ProcessEnv = process.env): void {
  const probe = spawnSync(tool, [tool === 'go' ? 'version' : '-version'], { stdio: 'ignore', env });
  if (probe.error) {
    throw new Error(
      `'${tool}' was not found on PATH; the embedded infrastructure needs it: ${INSTALL_HINTS[tool]}. ` +
        'Or point KAFKA_BROKERS and MONGO_URL at servers you already run.',
    );
  }
}
