// file-type ships ES-module types that this project's `node` module resolution cannot read;
// the one function used, as its own declarations give it (node_modules/file-type/source/index.d.ts).
declare module 'file-type' {
  export function fileTypeFromBuffer(buffer: Uint8Array | ArrayBuffer): Promise<{ ext: string; mime: string } | undefined>;
}
