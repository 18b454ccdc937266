import type { Suite } from './context.js';
export declare function introspectionTests({ it, expect, open }: Suite): void;
//# sourceMappingURL=introspection.d.ts.map