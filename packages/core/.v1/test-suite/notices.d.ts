/**
 * Conformance: invalidation notices (the optional `subscribe` / `publish` / `readSequence` capability
 * that core's in-process tier needs). A storage that has `subscribe` claims the capability and must pass
 * every test here; one without it must have none of the three methods (core then refuses `l1`).
 */
import type { Suite } from './context.js';
export declare function noticeTests({ it, expect, open }: Suite): void;
//# sourceMappingURL=notices.d.ts.map