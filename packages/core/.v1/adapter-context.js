import { CachemeError, quote } from './errors.js';
import { normalizeInvalidKeys } from './key.js';
/** Builds the context of one attached adapter. */
export function adapterContext(host) {
    return {
        get logger() {
            return host.current().logger;
        },
        invalidate: async (keys, cause) => {
            const valid = [];
            for (const key of keys) {
                try {
                    valid.push(...normalizeInvalidKeys(key));
                }
                catch (error) {
                    host.events.report(error, 'adapter-invalidate');
                }
            }
            await host.current().invalidations.keys([...new Set(valid)], cause);
        },
        invalidateModel: async (model, cause) => {
            if (typeof model !== 'string' || model.length === 0) {
                host.events.report(new CachemeError('E_INVALID_KEY', `model name ${quote(model)} is empty → pass the entity name.`), 'adapter-invalidate');
                return;
            }
            await host.current().invalidations.model(model, { ...cause, entity: model });
        },
        declaredModels: () => ({ models: host.models, m2mModels: host.m2mModels }),
        background: (delivery) => host.current().invalidations.track(delivery),
    };
}
//# sourceMappingURL=adapter-context.js.map