/** Conformance: invalidate() removes exactly the entries registered in the sets, then the sets. */
import type { Suite } from './context.js';
export declare function invalidateTests({ it, expect, open }: Suite): void;
//# sourceMappingURL=invalidate.d.ts.map