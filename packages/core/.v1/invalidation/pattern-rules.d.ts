/** The longest pattern accepted, in characters. */
export declare const MAX_PATTERN_LENGTH = 512;
/**
 * Validates a pattern (see the module doc). `invalidatePattern` and `inspector.browse` call it first;
 * it is exported so that a UI can reject a pattern before starting anything.
 * @throws CachemeError `E_INVALID_PATTERN` naming what is wrong and how to fix it.
 */
export declare function assertPattern(pattern: unknown): asserts pattern is string;
//# sourceMappingURL=pattern-rules.d.ts.map