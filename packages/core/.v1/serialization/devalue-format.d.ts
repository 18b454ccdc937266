/** The header of the format. */
export declare const DEVALUE_HEADER = "cm1:";
/** True for instances of user-defined classes (not plain objects, arrays or types devalue handles). */
export declare function isClassInstance(value: unknown): value is object;
/** `cm1:` + devalue. @throws for values devalue cannot hold (functions, symbols, symbol keys, ...). */
export declare function encodeDevalue(value: unknown): string;
/** Decodes a `cm1:` payload. @throws when the header or the body is not valid. */
export declare function decodeDevalue(payload: string): unknown;
//# sourceMappingURL=devalue-format.d.ts.map