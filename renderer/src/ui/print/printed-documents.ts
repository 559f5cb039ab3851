import { useMemo, useSyncExternalStore } from 'react';
import { z } from 'zod';
import type { Command } from '../../../../shared/commands/command.js';
import type { PrintDocument } from '../../print/document.js';
import { useDesk } from '../desk-context.js';
import { useList } from '../hooks/use-replica.js';

/**
 * What this PC printed (or saved as PDF) and which unconfirmed changes each document showed, kept
 * in the device's local storage per kindergarten and never sent to the server. When one of those
 * changes is later refused, "Today" and the refusal in the rejections list tell the head to
 * reprint; printing the same document again puts it right.
 */
const printedSchema = z.object({
  kind: z.string(),
  title: z.string(),
  /** Which order or group list it was (PrintDocument.source); records made before it name only the kind. */
  source: z.string().optional(),
  printedAt: z.iso.datetime(),
  commandIds: z.array(z.string()),
});
export type PrintedDocument = z.infer<typeof printedSchema>;

/** The newest prints kept: enough for weeks of a head's printing, small enough to read at once. */
const KEPT = 50;
const keyOf = (kindergartenId: string) => `printed-documents:${kindergartenId}`;
const listeners = new Set<() => void>();
const cache = new Map<string, PrintedDocument[]>();

function read(kindergartenId: string): PrintedDocument[] {
  let records = cache.get(kindergartenId);
  if (!records) {
    const stored = globalThis.localStorage?.getItem(keyOf(kindergartenId)) ?? '[]';
    let parsed: unknown = [];
    try {
      parsed = JSON.parse(stored);
    } catch {
      // a damaged record is dropped, like a missing one
    }
    const result = z.array(printedSchema).safeParse(parsed);
    records = result.success ? result.data : [];
    cache.set(kindergartenId, records);
  }
  return records;
}

/** Records that `doc` went on paper (or to PDF) at `instant` (the server's now). */
export function recordPrinted(kindergartenId: string, doc: PrintDocument, instant: Date): void {
  const record: PrintedDocument = {
    kind: doc.kind,
    title: doc.title,
    ...(doc.source ? { source: doc.source } : {}),
    printedAt: instant.toISOString(),
    commandIds: [...doc.unconfirmed],
  };
  const records = [...read(kindergartenId), record].slice(-KEPT);
  cache.set(kindergartenId, records);
  globalThis.localStorage?.setItem(keyOf(kindergartenId), JSON.stringify(records));
  for (const listener of listeners) listener();
}

/** The documents screen's link to a printed document: its kind, and which one of it (`kind/source`). */
export const linkTo = (printed: PrintedDocument): string =>
  printed.source ? `${printed.kind}/${printed.source}` : printed.kind;

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

function usePrintedDocuments(kindergartenId: string): PrintedDocument[] {
  return useSyncExternalStore(subscribe, () => read(kindergartenId));
}

export interface ContradictedPrint {
  printed: PrintedDocument;
  /** The refused commands among the changes the paper showed. */
  refused: Command[];
}

/**
 * Printed documents that showed a change the server later refused, newest first — unless the same
 * document (kind and title) was printed again afterwards.
 */
export function contradictedPrints(
  printed: readonly PrintedDocument[],
  rejected: readonly Command[],
): ContradictedPrint[] {
  const refusedById = new Map(rejected.map((c) => [c.id, c]));
  const reprinted = (record: PrintedDocument) =>
    printed.some(
      (later) => later.kind === record.kind && later.title === record.title && later.printedAt > record.printedAt,
    );
  return printed
    .map((record) => ({
      printed: record,
      refused: record.commandIds.flatMap((id) => refusedById.get(id) ?? []),
    }))
    .filter(({ printed: record, refused }) => refused.length > 0 && !reprinted(record))
    .sort((a, b) => b.printed.printedAt.localeCompare(a.printed.printedAt));
}

/** This kindergarten's printed documents that a refusal contradicts, kept up to date. */
export function useContradictedPrints(): ContradictedPrint[] {
  const { session } = useDesk();
  const printed = usePrintedDocuments(session.info.kindergarten.id);
  const rejected = useList('rejected');
  return useMemo(() => contradictedPrints(printed, rejected), [printed, rejected]);
}
