/// <reference lib="webworker" />
import type { SheetKind } from '#shared/spreadsheets/columns';
import { readGrid } from '#shared/spreadsheets/read';
import { interpret } from '#shared/spreadsheets/rows';

/*
 * Reads and checks a spreadsheet off the main thread: a 10,000-row file takes seconds to unzip,
 * parse and check with the contract's schemas, and the page stays responsive meanwhile.
 */
export interface ParseRequest {
  kind: SheetKind;
  name: string;
  bytes: ArrayBuffer;
}

self.onmessage = async (event: MessageEvent<ParseRequest>) => {
  const { kind, name, bytes } = event.data;
  try {
    const sheet = interpret(kind, await readGrid(new Uint8Array(bytes), name));
    self.postMessage({ ok: true, sheet });
  } catch (error) {
    self.postMessage({ ok: false, message: (error as Error).message });
  }
};
