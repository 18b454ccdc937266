/** Something that names a model: its name, or the entity class / model itself (its `name` is used). */
export type ModelRef = string | {
    readonly name: string;
};
/**
 * The name of a model reference.
 * @throws CachemeError `E_INVALID_OPTION` when it has no non-empty name.
 */
export declare function modelName(model: ModelRef): string;
/**
 * The invalid key a declared model or relation contributes to every entry of the function: its name
 * (`'Book'`, `Book` → `'Book'`; `'Book.users'`).
 * @throws CachemeError `E_INVALID_OPTION` for a nameless model or a reserved name.
 */
export declare function declaredKey(model: ModelRef, option: string): string;
//# sourceMappingURL=model-ref.d.ts.map