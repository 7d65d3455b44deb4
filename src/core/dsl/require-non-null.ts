// Java's Objects.requireNonNull for DSL arguments. Where Java throws a NullPointerException with a
// message ("predicate can't be null"), kstreams throws a TopologyError with the same message, at the
// DSL call, so the mistake is reported where it was made. Undefined counts as null.
import { TopologyError } from '../../errors';

export function requireNonNull<T>(value: T | null | undefined, message: string): T {
  if (value === null || value === undefined) throw new TopologyError(message);
  return value;
}

/** For callbacks: a function, else a TopologyError (`what can't be null`, or that it must be a function). */
export function requireFunction<F>(value: F | null | undefined, what: string): F {
  if (value === null || value === undefined) throw new TopologyError(`${what} can't be null`);
  if (typeof value !== 'function') throw new TopologyError(`${what} must be a function, got ${typeof value}`);
  return value;
}
