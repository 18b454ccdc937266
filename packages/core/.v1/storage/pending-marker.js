/**
 * Pending markers (Redis Cluster only): a miss's value is first stored as a marker, checked against the
 * race guard on another slot, then replaced by the value. Reads treat a marker as a miss, so an unchecked
 * value is never served. The NUL byte keeps markers apart from every payload cacheme's serializers
 * produce (a custom serializer must not emit payloads starting with it).
 */
import { randomUUID } from 'node:crypto';
/** What every marker starts with (introspection skips fields holding one). */
export const PENDING_PREFIX = '\u0000cm-pending:';
const PREFIX = PENDING_PREFIX;
/** A fresh marker, unique to one write (compare-and-set replaces only our own). */
export function pendingMarker() {
    return PREFIX + randomUUID();
}
/** True when a stored field holds a pending marker rather than a value. */
export function isPending(payload) {
    return payload.startsWith(PREFIX);
}
//# sourceMappingURL=pending-marker.js.map