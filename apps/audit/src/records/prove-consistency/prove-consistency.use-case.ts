import { Injectable } from '@nestjs/common';
import { consistencyProof } from '@sealpost/audit-chain';
import { LogTree } from '../log-tree';
import { ProofRangeError } from './proof-range.error';

/**
 * RFC 9162 §2.1.4 consistency proof between the log at size `first` and at size `second` (say two
 * checkpoints' seqs): with both signed roots, it proves the second tree extends the first.
 */
@Injectable()
export class ProveConsistencyUseCase {
  constructor(private readonly tree: LogTree) {}

  async execute(first: number, second: number) {
    if (first < 1 || second < first) throw new ProofRangeError('first and second must be sizes with 1 <= first <= second, e.g. the seqs of two checkpoints');
    const leaves = await this.tree.leaves(second);
    if (leaves.length < second) throw new ProofRangeError(`the log holds ${leaves.length} events: ask for second <= ${leaves.length}`);
    return { first, second, proof: consistencyProof(first, leaves).map((h) => h.toString('hex')) };
  }
}
