import type { AdapterOptions } from './contract.js';
/** Adapter options after validation: a frozen copy with `delivery` defaulted. */
export type ResolvedAdapterOptions<O extends AdapterOptions = AdapterOptions> = Readonly<O & {
    readonly delivery: 'await' | 'background';
}>;
/**
 * Validates an adapter factory's options.
 *
 * @param factory the factory's name, as the user calls it (`typeormAdapter`), for messages.
 * @param options what the user passed (`undefined` means none).
 * @param own names of options this adapter adds to the shared ones; the adapter validates their values.
 * @throws CachemeError `E_INVALID_OPTION` for an unknown option name, a `delivery` other than `'await'` /
 *   `'background'`, a `cacheKey` that is not a function, or an `m2m` that is not
 *   `{ 'Owner.relation': { Entity: (ids) => keys } }`.
 */
export declare function resolveAdapterOptions<O extends AdapterOptions = AdapterOptions>(factory: string, options: O | undefined, own?: readonly string[]): ResolvedAdapterOptions<O>;
//# sourceMappingURL=resolve-adapter-options.d.ts.map