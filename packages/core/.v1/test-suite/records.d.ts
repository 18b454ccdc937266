import type { Suite } from './context.js';
export declare function recordsTests({ it, expect, open }: Suite): void;
//# sourceMappingURL=records.d.ts.map