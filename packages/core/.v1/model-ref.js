/**
 * Naming a model: decorators (`invalidModels`, `invalidM2mModels`), `cm.invalidateModel` and adapters
 * accept a model's name or the model itself (an entity class), whose `name` is used.
 */
import { CachemeError, quote, toError } from './errors.js';
import { assertInvalidKey } from './key.js';
/**
 * The name of a model reference.
 * @throws CachemeError `E_INVALID_OPTION` when it has no non-empty name.
 */
export function modelName(model) {
    const name = typeof model === 'string' ? model : model?.name;
    if (typeof name !== 'string' || name.length === 0) {
        throw new CachemeError('E_INVALID_OPTION', `model ${quote(model)} has no name → pass the model's name or its class.`);
    }
    return name;
}
/**
 * The invalid key a declared model or relation contributes to every entry of the function: its name
 * (`'Book'`, `Book` → `'Book'`; `'Book.users'`).
 * @throws CachemeError `E_INVALID_OPTION` for a nameless model or a reserved name.
 */
export function declaredKey(model, option) {
    const name = modelName(model);
    try {
        assertInvalidKey(name);
    }
    catch (error) {
        throw new CachemeError('E_INVALID_OPTION', `'${option}' lists ${quote(name)}, which cannot be an invalid key: ${toError(error).message}`, { cause: error });
    }
    return name;
}
//# sourceMappingURL=model-ref.js.map