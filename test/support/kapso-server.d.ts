// tsconfig resolves modules the node10 way, which reads no package.json "exports", so TypeScript
// cannot find this subpath of @kapso/whatsapp-cloud-api; Jest's resolver reads them and loads
// dist/server.cjs. Only the types need pointing at.
declare module '@kapso/whatsapp-cloud-api/server' {
  export * from '@kapso/whatsapp-cloud-api/dist/server';
}
