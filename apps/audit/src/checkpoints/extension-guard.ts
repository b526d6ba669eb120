import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import type { SignedCheckpoint } from '@sealpost/audit-chain';
import type { LogHead } from '../records/append-events.use-case';
import { LogTree } from '../records/log-tree';
import { Checkpoint } from './checkpoint.schema';
import { notAnExtension } from './not-an-extension';

/**
 * Before a head is signed: does the store still hold the history signed last? The first time in a
 * process, the head was built from the store, so every stored leaf is read and an RFC 9162
 * consistency proof from them must carry the last signed root to the head's. Afterwards the head
 * grows in memory from the one signed last, and cheap probes catch the store being rewritten
 * under it: the last checkpoint and the event it ends on must still be stored as signed.
 */
@Injectable()
export class ExtensionGuard {
  private storeChecked = false;

  constructor(
    @InjectModel(Checkpoint.name) private readonly checkpoints: Model<Checkpoint>,
    private readonly tree: LogTree,
  ) {}

  /** Why `head` must not be signed after `last`, or undefined. */
  async problem(last: SignedCheckpoint | undefined, head: LogHead): Promise<string | undefined> {
    if (!last) return undefined;
    const stored = await this.checkpoints.findOne({ seq: last.seq }).lean().exec();
    if (!stored || stored.merkle_root !== last.merkle_root || stored.signature !== last.signature) {
      return `checkpoint ${last.seq}, the last this service signed, is gone from the store or altered`;
    }
    if (!this.storeChecked) {
      const problem = notAnExtension(last, await this.tree.leaves(head.seq), { seq: head.seq, root: head.frontier.root() });
      this.storeChecked = problem === undefined;
      return problem;
    }
    return (await this.tree.hashAt(last.seq)) === last.head_hash ? undefined : `event ${last.seq}, the head of the last signed checkpoint, is gone from the store or altered`;
  }
}
