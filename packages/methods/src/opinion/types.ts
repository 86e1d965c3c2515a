/**
 * Input types of the opinion map. Votes use the Polis export convention: agree = +1, disagree = −1, pass = 0.
 * (Polis' internal math matrix, and therefore the PCA numbers, use agree = −1; see `pca.ts`.)
 */

/** One vote event. Later events (by `time`, then by input order) replace earlier ones for the same pair. */
export interface Vote {
  /** Participant id (non-negative integer, e.g. Polis `pid` / `voter-id`). */
  participant: number;
  /** Statement id (non-negative integer, e.g. Polis `tid` / `comment-id`). */
  statement: number;
  /** +1 agree, −1 disagree, 0 pass. */
  vote: number;
  /** Time of the vote (any monotone unit, e.g. ms since epoch). Missing: the input order is the time order. */
  time?: number;
}

/**
 * The same votes in columns (struct of arrays) for large conversations: one entry per vote event.
 * All arrays must have the same length.
 */
export interface VoteColumns {
  participant: ArrayLike<number>;
  statement: ArrayLike<number>;
  vote: ArrayLike<number>;
  time?: ArrayLike<number>;
}

/** A statement (Polis: comment). */
export interface Statement {
  /** Statement id (non-negative integer). */
  id: number;
  /** The text shown to voters. */
  text?: string;
  /** Moderation state as in Polis: 1 accepted, 0 not yet moderated, −1 moderated out. */
  moderated?: number;
  /** Meta statements (about the conversation itself) are left out of the math like moderated-out ones. */
  isMeta?: boolean;
  /** Author participant id, when known. */
  author?: number;
  /** Creation time, when known. */
  time?: number;
}

/** A conversation: statements and the vote events on them. */
export interface Conversation {
  /**
   * All statements. When given, a vote on an id that is not listed is an error. When omitted, the statements are the
   * ids that occur in the votes (none moderated out).
   */
  statements?: Statement[];
  /** The vote events, as objects or in columns. */
  votes: Vote[] | VoteColumns;
}
