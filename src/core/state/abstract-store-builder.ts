// What every store builder shares (Java's AbstractStoreBuilder): the name and the caching and
// logging switches. Java's defaults: caching off, logging on. (The DSL's Materialized turns
// caching on for the stores it builds.)
import type { StateStore } from './state-store';
import type { StoreBuilder } from './store-builder';

export abstract class AbstractStoreBuilder<S extends StateStore> implements StoreBuilder<S> {
  protected enableCaching = false;
  protected enableLogging = true;
  private readonly topicConfig: { [key: string]: string } = {};

  protected constructor(private readonly storeName: string) {}

  name(): string {
    return this.storeName;
  }

  withCachingEnabled(): this {
    this.enableCaching = true;
    return this;
  }

  withCachingDisabled(): this {
    this.enableCaching = false;
    return this;
  }

  /** Turns logging on, adding `topicConfig` to the changelog topic's configuration. */
  withLoggingEnabled(topicConfig: Readonly<{ [key: string]: string }> = {}): this {
    this.enableLogging = true;
    Object.assign(this.topicConfig, topicConfig);
    return this;
  }

  withLoggingDisabled(): this {
    this.enableLogging = false;
    for (const key of Object.keys(this.topicConfig)) delete this.topicConfig[key];
    return this;
  }

  loggingEnabled(): boolean {
    return this.enableLogging;
  }

  cachingEnabled(): boolean {
    return this.enableCaching;
  }

  logConfig(): Readonly<{ [key: string]: string }> {
    return { ...this.topicConfig };
  }

  abstract build(): S;
}
