export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __sealpostTeardown?: () => Promise<void> }).__sealpostTeardown?.();
}
