/** Files to and from the base64 the API carries: the one reader of a chosen file
 *  (imports, loan documents, ticket attachments) and the one decoder of a file the
 *  main process produced. */
const CHUNK_BYTES = 0x8000;

export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  // In chunks: one String.fromCharCode call per byte array would overflow the stack.
  for (let i = 0; i < bytes.length; i += CHUNK_BYTES)
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK_BYTES));
  return btoa(binary);
}

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}
