/** What every marker starts with (introspection skips fields holding one). */
export declare const PENDING_PREFIX = "\0cm-pending:";
/** A fresh marker, unique to one write (compare-and-set replaces only our own). */
export declare function pendingMarker(): string;
/** True when a stored field holds a pending marker rather than a value. */
export declare function isPending(payload: string): boolean;
//# sourceMappingURL=pending-marker.d.ts.map