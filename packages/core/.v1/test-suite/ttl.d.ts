import { type Suite } from './context.js';
export declare function ttlTests({ it, expect, open }: Suite): void;
//# sourceMappingURL=ttl.d.ts.map