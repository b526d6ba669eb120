import { StatusError } from '@sealpost/contracts';
import { StatusMove } from '../status/advance-status/advance-status.use-case';
import { STATUS_ERRORS } from '../status/status-errors';
import type { DirectMessage, DirectPost } from './direct-post';

/** What one answered POST means for its messages: at the device, waiting for the poller, or failed for good. */
export type PostFate = { kind: 'delivered' } | { kind: 'waiting' } | { kind: 'failed'; failure: StatusError };

/**
 * The messages of one direct batch, tracked POST by POST: a message's status move is known once
 * every POST carrying one of its jobs is answered (delivered if any device took it, sent if a
 * job still waits, failed otherwise), and not before — so each POST's outcome can be stored as
 * soon as it is answered instead of when the whole batch is.
 */
export class AnsweredPosts {
  private readonly unanswered = new Map<string, number>();
  private readonly delivered = new Set<string>();
  private readonly waiting = new Set<string>();
  private readonly failures = new Map<string, StatusError>();

  constructor(
    posts: readonly DirectPost[],
    private readonly messages: ReadonlyMap<string, DirectMessage>,
  ) {
    for (const job of posts.flatMap((p) => p.jobs)) this.unanswered.set(job.message_id, (this.unanswered.get(job.message_id) ?? 0) + 1);
  }

  get anyWaiting(): boolean {
    return this.waiting.size > 0;
  }

  /** The moves of the messages whose last unanswered POST this was. */
  answer(post: DirectPost, fate: PostFate): StatusMove[] {
    const decided: string[] = [];
    for (const { message_id: id } of post.jobs) {
      if (fate.kind === 'delivered') this.delivered.add(id);
      else if (fate.kind === 'waiting') this.waiting.add(id);
      else if (!this.failures.has(id)) this.failures.set(id, fate.failure);
      const left = this.unanswered.get(id)! - 1;
      this.unanswered.set(id, left);
      if (left === 0) decided.push(id);
    }
    return [...new Set(decided)].flatMap((id) => {
      const entry = this.messages.get(id);
      return entry ? [this.moveOf(entry)] : [];
    });
  }

  private moveOf({ message, queuedElsewhere }: DirectMessage): StatusMove {
    const id = message.message_id;
    if (this.delivered.has(id)) return { message, from: 'accepted', target: 'delivered' };
    if (this.waiting.has(id) || queuedElsewhere) return { message, from: 'accepted', target: 'sent' };
    return { message, from: 'accepted', target: 'failed', errors: [this.failures.get(id) ?? STATUS_ERRORS.retentionEnded] };
  }
}
