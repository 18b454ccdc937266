import type { Suite } from './context.js';
export declare function readWriteTests({ it, expect, open }: Suite): void;
//# sourceMappingURL=read-write.d.ts.map