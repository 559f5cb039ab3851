/**
 * The one source of "now" for every rule and job on the server. Tests, demos and fault
 * tests move time through it instead of sleeping.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that runs with real time from a settable offset (the demo's fast-forward, tests). */
export class AdjustableClock implements Clock {
  #offsetMs = 0;
  constructor(private readonly base: Clock = systemClock) {}
  now(): Date {
    return new Date(this.base.now().getTime() + this.#offsetMs);
  }
  advance(ms: number): void {
    this.#offsetMs += ms;
  }
  set(instant: Date): void {
    this.#offsetMs = instant.getTime() - this.base.now().getTime();
  }
}
