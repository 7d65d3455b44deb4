// Java's Named and NamedInternal: a user-chosen name for the processor an operation adds. Without
// one, the operation gets a generated name (KSTREAM-FILTER-0000000003). Java burns an index of the
// name counter even when the user gives a name, so that naming one operation does not rename every
// operation after it; `orElseGenerateWithPrefix` and `suffixWithOrElseGet` keep that behaviour.
import { TopologyError } from '../../errors';
import { requireNonNull } from './require-non-null';

/** Java's Named.MAX_NAME_LENGTH: the longest topic name Kafka accepts. */
const MAX_NAME_LENGTH = 249;

/** What hands out generated names: Java's InternalNameProvider (the InternalStreamsBuilder). */
export interface NameProvider {
  newProcessorName(prefix: string): string;
  newStoreName(prefix: string): string;
}

export class Named {
  /** @internal null for "not named": the operation generates its name. */
  readonly name: string | null;

  protected constructor(name: string | null) {
    if (name !== null) validateName(name);
    this.name = name;
  }

  static as(name: string): Named {
    requireNonNull(name, "name can't be null");
    return new Named(name);
  }

  withName(name: string): Named {
    requireNonNull(name, "name can't be null");
    return new Named(name);
  }
}

/**
 * Java's Named.validate: names become parts of topic and store names, so they follow Kafka's topic
 * rules: 1 to 249 characters of ASCII letters, digits, '.', '_' and '-', and not "." or "..".
 */
export function validateName(name: string): void {
  if (typeof name !== 'string') throw new TopologyError(`Name must be a string, got ${typeof name}`);
  if (name.length === 0) throw new TopologyError("Name is illegal, it can't be empty");
  if (name === '.' || name === '..') throw new TopologyError('Name cannot be "." or ".."');
  if (name.length > MAX_NAME_LENGTH) {
    throw new TopologyError(`Name is illegal, it can't be longer than ${MAX_NAME_LENGTH} characters, name: ${name}`);
  }
  if (!/^[a-zA-Z0-9._-]+$/.test(name)) {
    throw new TopologyError(`Name "${name}" is illegal, it contains a character other than ASCII alphanumerics, '.', '_' and '-'`);
  }
}

/** For the DSL (Java's NamedInternal): a possibly absent name and the rules for falling back to a generated one. */
export class NamedInternal extends Named {
  constructor(named: Named | string | null) {
    super(named instanceof Named ? named.name : named);
  }

  static empty(): NamedInternal {
    return new NamedInternal(null);
  }

  /** The given name, or a generated `prefix<index>`; the index is consumed either way. */
  orElseGenerateWithPrefix(provider: NameProvider, prefix: string): string {
    const generated = provider.newProcessorName(prefix);
    return this.name ?? generated;
  }

  /**
   * With a provider: `name + suffix` (the index of `prefix` still consumed), or a generated name.
   * With a string: `name + suffix`, or `other`; consumes nothing.
   */
  suffixWithOrElseGet(suffix: string, provider: NameProvider, prefix: string): string;
  suffixWithOrElseGet(suffix: string, other: string): string;
  suffixWithOrElseGet(suffix: string, providerOrOther: NameProvider | string, prefix?: string): string {
    if (typeof providerOrOther === 'string') return this.name === null ? providerOrOther : this.name + suffix;
    const generated = providerOrOther.newProcessorName(prefix as string);
    if (this.name === null) return generated;
    const suffixed = this.name + suffix;
    // the suffix can make a valid name too long
    validateName(suffixed);
    return suffixed;
  }
}
