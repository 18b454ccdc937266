/**
 * Runs `operation` with a timeout.
 * @throws CachemeError `E_STORAGE_TIMEOUT` after `timeoutMs`; a driver error as `E_STORAGE_UNAVAILABLE`
 *   (with the original as `cause`); a `CachemeError` from the operation unchanged.
 */
export declare function withTimeout<T>(operation: () => Promise<T>, timeoutMs: number, name: string): Promise<T>;
//# sourceMappingURL=with-timeout.d.ts.map