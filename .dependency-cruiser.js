/**
 * Architecture rules (`npm run lint:arch`, and asserted by infra/architecture/architecture.spec.ts).
 * Services talk over Kafka and HTTP only, so an import across apps would couple deployables that
 * the contract keeps apart; shared code belongs in libs/, and libs must not reach back into an app.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-app-to-app',
      severity: 'error',
      comment: 'An app never imports another app: move shared code to libs/ or talk over Kafka/HTTP.',
      // $1 is the app the importing module lives in; any other app folder is out of bounds
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'libs-not-to-apps',
      severity: 'error',
      comment: 'Libraries serve every app, so they cannot depend on one.',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle makes load order (and Nest module wiring) depend on who imports first.',
      from: { path: '^(apps|libs)/' },
      to: { path: '^(apps|libs)/', circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['(^|/)dist/', '\\.spec\\.ts$', '\\.e2e-spec\\.ts$'] },
    // resolves the @sealpost/* path aliases, so an alias cannot hide a forbidden import
    tsConfig: { fileName: 'tsconfig.json' },
    // type-only imports still couple source trees, so they count too
    tsPreCompilationDeps: true,
  },
};
