// The e2e suites share one store; each leaves data behind (devices it stopped still have retries
// pending, the audit log grows), and the embedded store slows as it fills. The suites that measure
// the system under load and faults (the chaos run, the two-instance kill run) empty the store
// before they start and run first, before the others' Kafka records pile up; the rest in Jest's
// usual order.
const Sequencer = require('@jest/test-sequencer').default;

const FIRST = ['chaos.e2e-spec.ts', 'scale-out.e2e-spec.ts'];
const rank = (path) => {
  const i = FIRST.findIndex((name) => path.endsWith(`/${name}`));
  return i === -1 ? FIRST.length : i;
};

class LoadSensitiveFirst extends Sequencer {
  async sort(tests) {
    const usual = await super.sort(tests);
    return [...usual].sort((a, b) => rank(a.path) - rank(b.path));
  }
}

module.exports = LoadSensitiveFirst;
