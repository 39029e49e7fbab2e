/** One place a request can go, with its weight in the route's balancing. */
export interface Weighted {
  readonly weight: number;
}

export interface PickContext {
  /** May this candidate take a request now (healthy or half-open, under its concurrency cap, not tried yet)? */
  usable(index: number): boolean;
  /** Requests in flight to this candidate (least connections). */
  inFlight(index: number): number;
  /** The client's address (IP hash). */
  clientIp(): string;
}

/**
 * Picks one of a route's candidates. Built once per routing snapshot for a fixed candidate list;
 * the context says which candidates can take a request right now.
 */
export interface Balancer {
  pick(context: PickContext): number | undefined;
}
