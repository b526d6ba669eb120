import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { chainHash, contentHash, GENESIS_HASH, MerkleFrontier, recordLeaf } from '@sealpost/audit-chain';
import type { EventEnvelope } from '@sealpost/contracts';
import { BoundedCache } from '@sealpost/platform';
import { AuditRecord } from './audit-record.schema';
import { LogTree } from './log-tree';

/** FerretDB inserts this many documents per transaction */
const STORE_TRANSACTION_DOCS = 100;
/** event ids this process appended, remembered so a redelivered or re-announced event costs no store round trip */
const APPENDED_IDS_KEPT = 200000;
const APPENDED_IDS_TTL_MS = 24 * 60 * 60 * 1000;

/** The log as this process last wrote it: its head and the Merkle frontier of every leaf up to it. */
export interface LogHead {
  readonly seq: number;
  readonly hash: string;
  readonly frontier: MerkleFrontier;
}

/**
 * Appends events to the chain, a batch at a time: chained in memory from the head this process
 * holds, written with one ordered insert. Events arrive in order from one partition; the unique
 * _id (the event id) makes redelivery harmless and the unique seq makes a concurrent writer fail
 * instead of forking the chain. A head is immutable: a checkpoint signs the one it was handed.
 */
@Injectable()
export class AppendEventsUseCase {
  private head?: LogHead;
  /** the head before a failed write: the store holds at least it, and maybe some records after it */
  private lastKnown?: LogHead;
  private loading?: Promise<LogHead>;
  private readonly appended = new BoundedCache<true>(APPENDED_IDS_TTL_MS, APPENDED_IDS_KEPT);

  constructor(
    @InjectModel(AuditRecord.name) private readonly records: Model<AuditRecord>,
    private readonly tree: LogTree,
  ) {}

  /** Appends those of `events` the log does not hold yet, in order; resolves with the new head. */
  async execute(events: readonly EventEnvelope[]): Promise<LogHead> {
    const batch = firstOfEachId(events).filter((e) => !this.appended.get(e.eventId));
    try {
      return await this.append(await this.current(), batch);
    } catch (err) {
      // the store may hold part of the batch: start again from what it holds
      this.forgetHead();
      if ((err as { code?: number }).code !== 11000) throw err;
    }
    // a redelivered batch (after a crash) or an event announced twice: append only what is missing
    const head = await this.current();
    const missing: EventEnvelope[] = [];
    for (const event of batch) if (!(await this.records.exists({ _id: event.eventId }).exec())) missing.push(event);
    try {
      return await this.append(head, missing);
    } catch (err) {
      this.forgetHead();
      throw err;
    }
  }

  private forgetHead(): void {
    this.lastKnown = this.head ?? this.lastKnown;
    this.head = undefined;
  }

  /**
   * The head, read from the store once per process (and after a failed write). One read at a time:
   * the checkpoint timer asks too, and a second, older read must not replace a head appended since.
   */
  async current(): Promise<LogHead> {
    if (this.head) return this.head;
    this.loading ??= this.load().finally(() => (this.loading = undefined));
    const loaded = await this.loading;
    this.head ??= loaded;
    return this.head;
  }

  /**
   * Inserts in runs of at most STORE_TRANSACTION_DOCS, one after another, the head moving after
   * each: FerretDB commits an insert in transactions of that many documents, so an insert cut off
   * (a stop closing the connection, a store restart) could otherwise leave a later run stored
   * without an earlier one, a hole in the chain that the next head read would build on.
   */
  private async append(from: LogHead, events: readonly EventEnvelope[]): Promise<LogHead> {
    if (events.length === 0) return from;
    const frontier = from.frontier.copy();
    let { seq, hash } = from;
    for (let start = 0; start < events.length; start += STORE_TRANSACTION_DOCS) {
      const records: AuditRecord[] = [];
      for (const event of events.slice(start, start + STORE_TRANSACTION_DOCS)) {
        const prev = hash;
        hash = chainHash(prev, event);
        seq++;
        const record = { _id: event.eventId, seq, event_id: event.eventId, prev_hash: prev, hash, content_hash: contentHash(event), event, recorded_at: new Date() };
        records.push(record);
        frontier.append(recordLeaf(record));
      }
      await this.records.insertMany(records, { ordered: true });
      this.head = { seq, hash, frontier: frontier.copy() };
      for (const record of records) this.appended.set(record.event_id, true);
    }
    return this.head!;
  }

  /**
   * After a failed write: from the head known before it, forward by `seq` (one indexed equality
   * lookup per record) over what the write may have stored. Without one, at start: the whole log.
   */
  private async load(): Promise<LogHead> {
    const from = this.lastKnown;
    if (!from) return this.loadAll();
    const frontier = from.frontier.copy();
    let { seq, hash } = from;
    for (;;) {
      const next = await this.records.findOne({ seq: seq + 1 }, { seq: 1, hash: 1, content_hash: 1, event_id: 1 }).lean().exec();
      if (!next) break;
      ({ seq, hash } = next);
      frontier.append(recordLeaf(next));
      this.appended.set(next.event_id, true);
    }
    this.lastKnown = undefined;
    return { seq, hash, frontier };
  }

  private async loadAll(): Promise<LogHead> {
    const last = await this.records.findOne({}, { seq: 1, hash: 1 }).sort({ seq: -1 }).lean().exec();
    if (!last) return { seq: 0, hash: GENESIS_HASH, frontier: new MerkleFrontier() };
    return { seq: last.seq, hash: last.hash, frontier: MerkleFrontier.of(await this.tree.leaves(last.seq)) };
  }
}

function firstOfEachId(events: readonly EventEnvelope[]): EventEnvelope[] {
  const seen = new Set<string>();
  return events.filter((e) => !seen.has(e.eventId) && seen.add(e.eventId));
}
