import type { ByteSource } from './pipeline';

/** What a browser File (or Node's File) offers; typed structurally so the domain needs no DOM. */
export interface FileLike {
  name: string;
  size: number;
  lastModified: number;
  stream(): ReadableStream<Uint8Array>;
}

async function* readChunks(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    // Also runs when a preview stops early: the rest of the file is never read.
    await reader.cancel().catch(() => undefined);
  }
}

export function fileSource(file: FileLike): ByteSource {
  return {
    name: file.name,
    size: file.size,
    lastModified: file.lastModified,
    chunks: () => readChunks(file.stream()),
  };
}
