// The e2e suites share one store; each leaves data behind (devices it stopped still have retries
// pending, the audit log grows), and the embedded store slows as it fills. The suites that measure
// the system under load and faults (the two-instance kill run) run first, on a fresh store; the
// rest in Jest's usual order.
const Sequencer = require('@jest/test-sequencer').default;

const FIRST = ['scale-out.e2e-spec.ts'];
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
