import type { Suite } from './context.js';
export declare function lockTests({ it, expect, open }: Suite): void;
//# sourceMappingURL=lock.d.ts.map