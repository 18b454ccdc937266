import { type Suite } from './context.js';
export declare function keysTests({ it, expect, capabilities, open }: Suite): void;
//# sourceMappingURL=keys.d.ts.map