/**
 * Validates a record name: 1–64 characters of letters, digits, `.`, `_` and `-`, starting with a letter
 * or digit (so a name can never contain `:` and reach into another record's keys).
 * @throws CachemeError `E_INVALID_OPTION`
 */
export declare function assertRecordName(name: unknown, what: string): asserts name is string;
//# sourceMappingURL=record-name.d.ts.map